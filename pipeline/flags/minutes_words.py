"""Words of minutes that the speaking-order modules share: a principal's titles (一把手), a view given, procedure
(主持, 介绍议题), speaking first or last, and labels that name no speaker (时间, 地点, 议题…)."""
from __future__ import annotations

import re

PRINCIPAL = ("党组书记", "党委书记", "党总支书记", "支部书记", "第一书记", "主要负责人", "一把手", "董事长", "总经理",
             "理事长", "书记", "局长", "院长", "校长", "主任", "会长", "县长", "区长", "乡长", "镇长", "所长",
             "站长", "行长", "厂长", "馆长", "园长", "社长", "村支书", "支书")
TITLE_RE = re.compile("|".join(sorted(PRINCIPAL, key=len, reverse=True)))

VIEW_RE = re.compile(r"表态|态度|表明|亮明|发表意见|发表了意见|发表看法|发言|表示|认为|同意|赞同|赞成|不同意|决定|拍板|定调|明确|指出|"
                     r"强调|提出|建议|要求|意见|观点|看法|附议|无异议|讨论")
PROC_RE = re.compile(r"主持(?:会议|召开)?|介绍(?:了)?[^，。；]{0,12}?(?:议题|情况|背景)|(?:提出|说明|通报)(?:了)?[^，。；]{0,8}?议题|"
                     r"宣布|通报|传达|宣读|汇报|作说明|进行说明|讲话|出席|参加|列席|记录")
FIRST_RE = re.compile(r"首先|率先|开宗明义|先行|第一个|带头表态|先定个?调|定个?调子|一开始|开门见山|抢先|先表态|先表个态|先发言|"
                      r"先说我的意见|我先说|我先讲|我先谈")
LAST_RE = re.compile(r"最后|末位|最终表态|总结表态|作总结|作了总结|总结讲话|总结发言|充分发表意见后|充分讨论后|"
                     r"听取[^，。；]{0,20}意见后|(?:发表|发言|表态)[^，。；]{0,12}后")
# labels that name no speaker ("时间：", "议题：", "决定：")
NOT_SPEAKER_RE = re.compile(r"时间|地点|主持|记录|出席|列席|缺席|请假|议题|内容|会议|决定|议定|决议|结论|参会|人员|主题|地址|备注|附件|"
                            r"日期|单位|事由|金额|结果|意见|签名|审批|分送|抄送|印发|发言|表决|同志|班子|成员|大家|各位|首先|讲话|表态|同意|"
                            r"最后|办公")
# a criticism round (民主生活会, 组织生活会): members and the principal criticise one another ("相互批评环节…如副局长罗志刚
# 指出唐国庆同志…；唐国庆同志指出罗志刚同志…"); who speaks before whom there is no stand taken on a matter to decide
CRITICISM_RE = re.compile(r"相互批评|互相批评|批评与自我批评|自我批评|批评意见|提出批评|开展批评|对照检查|对照检视|检视剖析")
