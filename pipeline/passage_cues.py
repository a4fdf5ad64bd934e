"""What a passage's wording shows to matching: a date or a count of something done (specifics), a report titled for
a period, an article of rules, a question; and whether a negation denies (negated or deferred)."""
from __future__ import annotations

import re

from classifiers.dates import CN_YEAR

# dates in Chinese numerals too, as formal documents and hand-kept books write them ("二〇二四年四月十八日")
DATE_RE = re.compile(r"(19|20)\d{2}\s*[年./-]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
                     rf"|{CN_YEAR}年|[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}[日号]")
# concrete specifics of something done: a date, or a count of people / times / sessions
SPECIFICS_RE = re.compile(DATE_RE.pattern + r"|\d+\s*(人|名|次|场|期|批|份|篇|户|个|项|起|件|宗|例|笔|家|轮|余人|人次|户次|场次|批次)"
                          r"|(?<![第\d])\d+\s*条")     # 意见31条, not 第3条 (an article of rules)
# counts of things done ("备案43人", "遴选17种")
COUNT_RE = re.compile(r"\d+\s*(人|名|次|场|期|批|份|篇|户|个|项|起|件|宗|例|笔|家|轮|种|类|台|套)")
# a report titled for a period ("2024年第三季度…简报", "2024年1-9月工作情况") is dated by it
PERIOD_TITLE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:第?[一二三四1-4]\s*季度|上半年|下半年|\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|\d{1,2}\s*月|度)")
# clauses and numbered items ("1．建立…；2．设立…；3．签订…")
CLAUSE_SPLIT = re.compile(r"[。；;！？\n，,]|(?<![\d.])\d{1,2}\s*[．.、](?!\d)")
# an article of rules ("第四条 收受红包、回扣经查实的，考评直接定为较差") is a rule wherever it is filed (a binder
# of evidence puts the rules next to the minutes)
RULE_ARTICLE_RE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,4}条(?![件款])")
# a question ("…还评不评？", "镇里问我们红白理事会成立了没有，村村响什么时候装")
QUESTION_RE = re.compile(r"[？?]\s*$|(了没有|有没有|什么时候[^，。；]{0,10}|吗|呢)\s*[。]?\s*$")


def denied(neg) -> bool:
    """Negated or deferred ("预告：讲座即将举办"): not something shown as done."""
    return neg.negated or neg.deferred
