import os
import random

SUR = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃向')
GIV = ['建国', '小兰', '海波', '晓红', '志刚', '立新', '明华', '启军', '东', '秀英', '俊', '丽', '文军', '春梅', '永红',
       '德胜', '桂花', '伟', '芳', '敏', '静', '军', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '辉',
       '玲', '华', '飞', '鹏', '红梅', '晓燕', '国庆', '建华', '卫东', '世平', '金莲', '子涵', '雨桐', '浩然', '思远',
       '光辉', '翠兰', '少华', '先锋', '宏伟', '玉梅', '长青', '新民', '爱华', '志勇', '冬梅', '家乐', '琳', '锋']


def names(seed, n):
    r = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        nm = r.choice(SUR) + r.choice(GIV)
        if nm not in seen:
            seen.add(nm)
            out.append(nm)
    return out


class Unit:
    def __init__(self, root, folder, utype, manifest=None):
        self.folder = folder
        self.type = utype
        self.dir = os.path.join(root, folder)
        os.makedirs(self.dir, exist_ok=True)
        if manifest:
            lines = [f"name: {manifest['name']}", f"type: {manifest['type']}"]
            if 'period' in manifest:
                a, b = manifest['period']
                lines.append(f"period: {{start: {a}, end: {b}}}")
            with open(os.path.join(self.dir, 'unit.yaml'), 'w', encoding='utf-8') as f:
                f.write('\n'.join(lines) + '\n')
        self.criteria = {}
        self.flags = []
        self.clean = []
        self.files = []

    def p(self, rel):
        self.files.append(rel)
        return os.path.join(self.dir, rel)

    def label(self, n, status, files=()):
        cid = f'{self.type}.{n}'
        assert cid not in self.criteria, cid
        self.criteria[cid] = {'status': status, 'files': list(files)}

    def flag(self, rel, kind):
        self.flags.append({'file': rel, 'kind': kind})
