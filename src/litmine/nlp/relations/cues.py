"""Cue lists of the relation grammar, as data: trigger words with their direction, no-change, comparison,
negation and hedging phrases, continuation and group-reference openers, exercise qualifiers, measured aspects,
outcome polarity, agents. Source: litmine curators, from the bilingual literature on exercise and pain.
"""
from __future__ import annotations

import re

from ..first_chars import first_char_guard

TARGET_LABELS = {
    "CYTOKINE", "CHEMOKINE", "RECEPTOR", "ION_CHANNEL", "NEUROTROPHIC_FACTOR", "ENZYME",
    "OXIDATIVE_MARKER", "NEUROTRANSMITTER", "NEUROPEPTIDE", "GENE_OR_PROTEIN", "SIGNALING",
    "PROCESS", "CELL_TYPE", "CELL_STATE", "DISEASE", "OUTCOME", "CLASS", "HORMONE",
    "METABOLITE",  # glucose, lipids, lactate: the generated lexicon's MeSH carbohydrates, lipids, amino acids
}


CONTEXT_LABELS = {"ANIMAL_MODEL", "SPECIES", "ANATOMY"}


# --- trigger lexicon (litmine curators; directions as in the gold schema) ----
_ZH_TRIGGERS = {
    "decrease": "降低 减少 抑制 下调 减轻 缓解 逆转 阻断 减弱 下降 降至 降 减 消除 预防 阻止 拮抗 防止 遏制 减缓 平息 "
                "缩短 减慢 回落 低于 少于 减小 缩小 减退 短于 慢于 延缓",
    "increase": "提高 增加 上调 促进 激活 增强 恢复 升高 提升 上升 增多 加速 诱导 加重 加剧 维持 保护 引发 导致 增 增长 "
                "回升 升至 延长 加快 增大 发挥 产生 高于 多于 快于 长于 引起",
    "modulate": "调节 调控 影响 改变 平衡 调整 作用于",
    "improve": "改善 有效改善 防治 治愈",
}


_EN_TRIGGERS = {
    "decrease": "reduce reduced reduces reducing reduction reductions decrease decreased decreases decreasing suppress suppressed "
                "suppresses suppressing suppression inhibit inhibited inhibits inhibiting inhibition attenuate "
                "attenuated attenuates attenuating attenuation down-regulate down-regulated down-regulates "
                "downregulate downregulated downregulates downregulation down-regulation alleviate alleviated "
                "alleviates alleviating alleviation reverse reversed reverses reversing reversal blunt blunted "
                "blunts prevent prevented prevents preventing lower lowered lowers diminish diminished diminishes "
                "relieve relieved relieves relieving relief shortened shorten fell fall falls declined decline "
                "declines dropped lower less fewer smaller limit limited limits mitigate mitigated mitigates abolish abolished "
                "abolishes abrogate abrogated abrogates counteract counteracted lessen lessened dampen dampened damp damped damps "
                "block blocked blocks",
    "increase": "increase increased increases increasing elevate elevated elevates elevation elevations enhance "
                "enhanced enhances enhancing enhancement enhancements up-regulate up-regulated up-regulates upregulate upregulated "
                "upregulates upregulation up-regulation promote promoted promotes promoting activate activated "
                "activates activating activation restore restored restores restoring restoration raise raised "
                "raises boost boosted boosts augment augmented augments stimulate stimulated stimulates induce "
                "induced induces accelerate accelerated accelerates facilitate facilitated facilitates potentiate "
                "potentiated exacerbate exacerbated exacerbates aggravate aggravated aggravates worsen worsened "
                "worsens preserve preserved preserves protect protected protects maintain maintained prolonged prolong prolongs lengthened "
                "rose rise rises higher greater more better larger recovery recovered rescued exert exerted exerts produce produced produces "
                # causative verbs: "early stepping exercise causes allodynia", "excessive walking precipitated pain"
                "cause causes caused causing provoke provoked provokes precipitate precipitated precipitates trigger "
                "triggered elicit elicited elicits",
    "modulate": "modulate modulated modulates modulating modulation regulate regulated regulates regulating "
                "regulation affect affected affects alter altered alters influence influenced influences "
                "balance balanced normalize normalise normalised normalized normalises normalizes changed",
    # ameliorate: "ameliorated allodynia" and "ameliorated locomotor function" -- the target's polarity decides
    "improve": "improve improved improves improving improvement improvements ameliorate ameliorated ameliorates ameliorating "
               "amelioration",
}


NO_CHANGE = [
    # "无显著性变化", "没有明显的改变": 显著性 and 明显的 are the same adverb as 显著
    r"(没有|未|并未|无|不)(明显|显著)?性?的?(改变|变化|影响|差异)", r"无(明显|显著)?性?的?(差异|变化|改变|影响)",
    r"未见(明显|显著)?性?的?(变化|改变|差异|影响)", r"并无差异", r"未发生(明显|显著)?性?的?(变化|改变)",
    r"(无|没有)统计学(意义的)?差异", r"差异不显著", r"均?未改变",
    r"(did|does|do) not (significantly |measurably )?(alter|change|affect|modify|influence|differ)",
    r"(had|has|have|showed?|exerted|produced) no (significant |measurable |detectable )?(effect|influence|impact|change)s?",
    r"(no|not) (significant(ly)? |measurable )?(change|difference|effect)s?( (in|on|between))?",
    r"差异无(统计学)?(意义|显著性)",  # "两组患者握力比较, 差异无统计学意义": the compared measure did not differ
    r"\bno evidence that\b", r"did not (observe|detect|find|see) (any |an? )?(significant |statistically significant )?(effect|change|difference)s?", r"\bunchanged\b", r"\bunaffected\b", r"\bdid not differ\b", r"\b(were|was|remained) (similar|comparable)\b",
    r"\b(were|was|is|are) not (significantly )?(altered|changed|affected|different)\b",
    r"\bremained (unaltered|unchanged|similar|stable)\b",
    r"\bno significance (was|were) (found|observed|seen|detected)\b",
    # "reduced TNF-α without changing IL-6", "without significantly affecting body weight"
    r"\bwithout (significantly |measurably |markedly )?(altering|changing|affecting|modifying|influencing)\b",
    # "对重度抑郁症患者疗效不明显": the effect on what is named before it is not evident
    r"(?<=[\u4e00-\u9fff])(疗效|效果)均?(不明显|不显著|甚微)",
]


#: After a trigger, these make the stated change not significant: negated.
NOT_SIGNIFICANT = re.compile(
    r"未达到?统计学(意义|显著性?)|差异无统计学意义|无统计学意义|不显著|差异无显著性|(无|没有)(显著性|明显|显著)的?差异|"
    r"(did not|failed to|does not) reach (statistical )?significance|not (statistically )?significant", re.I)


COMPARATIVES = [r"优于", r"好于", r"强于", r"胜于", r"(?:(?<=表现出)|(?<=显示出)|(?<=具有)|(?<=取得)|(?<=产生)|(?<=获得))更(好|佳|优)的", r"(?<![相对])比[^，,；;。]{1,12}?更(有效|好|显著|明显)",
                r"(幅度|效果|作用|增幅|降幅|改善)\S{0,2}?(更大|更为?显著|更为?明显|更好|大于)", r"更为明显",
                r"more effective(ly)? than", r"superior to", r"favou?red", r"favou?ring", r"in favou?r of", r"better than", r"outperform(ed|s)?",
                r"(greater|larger|more pronounced|stronger) (improvement|reduction|decrease|increase|effect|benefit)s?",
                r"(improvement|reduction|decrease|effect|benefit) was (greater|larger|more pronounced)",
                r"(?<![<>=])>(?!=)"]


#: Negation cues, searched just before the trigger in its clause.
NEGATION = [r"而非", r"\brather than\b", r"\binstead of\b", r"未能?", r"没有", r"不能", r"不可", r"无法", r"并未", r"并没有", r"无(显著|明显)", r"不(?!仅|但|同|断|良|少|足|完全)",
            r"\bnot\b", r"\bno\b", r"\bfailed to\b", r"\bneither\b", r"\bnor\b", r"\bwithout\b", r"\bnever\b",
            r"\bcannot\b", r"n't\b", r"\bineffective\b", r"\bunable to\b", r"\binsufficient to\b"]


#: Hedging cues, searched in the trigger's clause (and the sentence's opening).
HEDGES = [r"可能", r"或许", r"也许", r"提示", r"暗示", r"推测", r"似乎", r"有望",
          r"\bmay\b", r"\bmight\b", r"\bcould\b", r"\bsuggest(s|ed|ing)?\b", r"\bpossibl[ey]\b",
          r"\bpotentially\b", r"\blikely\b", r"\bappear(s|ed)? to\b", r"\bseem(s|ed)? to\b", r"\bputative\b",
          # an impression, not a finding: "it seems that", "it appears that", "presumably", "probably"
          r"\b(seem|appear)(s|ed)? that\b", r"\bpresumably\b", r"\bprobably\b",
          # a proposal or a belief, not a finding: "we propose that", "the hypothesis that", "it is generally believed"
          r"\bpropos(e|es|ed)\s+that\b", r"\bhypothes[ie][sz]\w*\b", r"\b(generally|widely|commonly)\s+(believed|thought)\b",
          r"\bis (believed|thought) to\b",
          # a trend or a question, not a finding: "tended to reduce", "a trend toward lower", "it is unclear whether"
          r"\btend(s|ed)? to\b", r"\btrend(s|ed)?\s+(toward|towards|to)\b", r"\ba trend\b", r"\bmarginally\b",
          r"\bwhether\b", r"\bunlikely\b"]


_CONTINUATION = re.compile(
    r"^\s*(此外|另外|同时|并且|而且|该研究还|该研究|研究还|该方案|这一|其|而|且|它|还|两组|两种|二者|两者|then\b|it\b|"
    r"neither\b|both\b|"
    r"moreover\b|furthermore\b|in addition\b|additionally\b|also\b|similarly\b|likewise\b|besides\b)", re.I)


_GROUP_REF = re.compile(r"两组|(?<![\dA-Za-z.\-])2组|二组|两种(运动|训练)|各(运动|训练)组|\b(both|either|neither) (of the )?(exercise |training )?"
                        r"(arm|group|programme|program|intervention|modalit(y|ies)|protocol|paradigm|regimen)s?\b", re.I)


#: A change named by a demonstrative, its target in the sentence before ("The Arf6 level of diabetic rats was
#: higher than that of controls. Training could damp this elevation", "Exercise prevented these increases").
ANAPHORIC_CHANGE = re.compile(r"\b(this|these|that|such|the same)\s+(elevation|increase|rise|upregulation|up-regulation|"
                              r"overexpression|reduction|decrease|decline|loss|downregulation|down-regulation)s?\b", re.I)


#: A sentence whose subject or opening is the study's programme named without its modality ("Training regulated the
#: expression of NGF", "After the intervention, pain decreased", "The programme improved balance"): it speaks of the
#: exercise the document last named. Litmine curators.
STUDY_REF = re.compile(r"^\W*(?:\w+\s*:\s*)?(?:(?:after|following|with)\s+(?:\d+\s+\w+\s+of\s+)?)?(?:the\s+|this\s+|such\s+)?"
                       r"(?:training|intervention|programm?e)\b(?!\s+(?:groups?|arms?|sessions?\s+(?:were|was)|was (?:given|"
                       r"performed|conducted|delivered|done)))", re.I)


_ADDITIVE = re.compile(r"亦|也|同样|\b(also|likewise|similarly|too)\b", re.I)


_INTERPRETIVE = re.compile(r"^\s*(这|此|该|these|this|it|which)?\s*\S{0,6}?\s*(表明|提示|说明|意味着|证实|suggests?|indicates?|shows?|implies|means)", re.I)


_QUALIFIERS = [
    (r"短期|短时间|short[- ]term", "short-term"), (r"长期|长时间|long[- ]term|chronic", "long-term"),
    (r"急性|一次性?|单次|acute|single[- ]bout", "acute"), (r"规律|有规律|regular", "regular"),
    (r"高频|high[- ]frequency", "high-frequency"), (r"低频|low[- ]frequency", "low-frequency"),
    (r"高强度|大强度|剧烈|high[- ]intensity|vigorous", "high-intensity"),
    (r"中等强度|中强度|moderate[- ]intensity|moderate", "moderate-intensity"),
    (r"低强度|小强度|low[- ]intensity", "low-intensity"),
    # training load (负荷) is how Chinese sport-science papers grade intensity: 大负荷/小负荷/中等负荷
    (r"大负荷|高负荷|重负荷", "high-intensity"), (r"中等负荷|中负荷", "moderate-intensity"), (r"小负荷|低负荷|轻负荷", "low-intensity"),
]


#: Modalities whose name states their intensity (high-intensity interval training, moderate-intensity continuous
#: training, sprint interval training): an intensity qualifier adds nothing to them.
_INTENSITY_NAMED = frozenset({"HIIT", "HIT", "MICT", "SIT", "MICE"})

_QUALIFIER_PATTERNS = [(re.compile(f"({rx})", re.I), q) for rx, q in _QUALIFIERS]


def qualified(q: str, base: str) -> str:
    """``long-term`` + ``exercise`` -> ``long-term exercise``, ``low-intensity`` + ``treadmill`` ->
    ``low-intensity treadmill`` (the claims base reads the qualifier back as the protocol's intensity facet)."""
    if base.startswith(q):
        return base
    if q.endswith("intensity") and ("intensity" in base or base in _INTENSITY_NAMED):
        return base  # "high-intensity interval training" is HIIT, never "high-intensity HIIT"
    if base == "exercise" or q.endswith("frequency") or q in ("short-term", "long-term", "acute", "regular"):
        return f"{q} {base}"
    if q.endswith("intensity"):
        return f"{q} {base}"  # "低强度跑台运动" vs "高强度跑台运动": two arms, not one treadmill
    return base


def qualifier(fragment: str, search: bool = False) -> str | None:
    """The canonical qualifier (``"moderate-intensity"``) a fragment is (or, with ``search``, holds), else None."""
    return next((q for rx, q in _QUALIFIER_PATTERNS if (rx.search(fragment) if search else rx.fullmatch(fragment))), None)


_COMPONENT_EXERCISES = {"aerobic", "resistance", "balance", "stretch", "stretching", "flexibility"}


_COMBINE_CUES = re.compile(r"结合|联合|相结合|combined|combination|\+|plus|multicomponent|多组分")


_MODIFIER_AFTER = re.compile(r"^\s*(相关的?|介导的?|诱导的?|引起的?|依赖的?|导致的?|中的?|内的?|所致|源性|"
                             r"模型|患者|病人|大鼠|小鼠|动物|人群|组|标志物|向|后|\+|"
                             r"(?:[-–—‐]?(?:related|mediated|induced|dependent|derived|associated))(?!\s+(?:by|with|to)\b)|"
                             # "inflammation-promoting cytokines", "pain-relieving effects", "pain-inhibiting
                             # neurotransmitters", "TNF-responsive genes": the first word qualifies a noun
                             r"[-–—‐](?:promoting|inducing|producing|relieving|lowering|reducing|suppressing|secreting|"
                             r"sensing|evoked|elicited|inhibiting|inhibitory|modulating|activating|blocking|regulating|"
                             r"sensitive|responsive|expressing|containing|specific)\b|"
                             r"models?\b|patients\b|rats\b|mice\b|animals\b|groups?\b|cohorts?\b|arms?\b|markers?\b)")


#: A noun a disease names the kind of ("heart failure patients/rehabilitation/programmes", "longer
#: diabetes duration", "DPN survivors", "疾病病程"): the disease qualifies it and is no target of a change.
_DISEASE_HEAD_AFTER = re.compile(r"^\s*(?:(patients?|participants|subjects|individuals|survivors|populations?|cohorts?|"
                                 r"rehabilitation|programm?es?|clinics?|care|management|duration|onset|history|"
                                 r"services|guidelines|trials?)\b|病程|病史|康复|人群)", re.I)


_ASPECTS = [
    (r"mRNA", "mRNA"), (r"蛋白|protein", "protein"), (r"磷酸化|phosphorylat\w*", "phosphorylation"),
    (r"极化|polari[sz]\w*", "polarization"), (r"激活|活化|activation", "activation"),
    (r"活性|activity|activities", "activity"), (r"表达|expression|expressed", "expression"),
    (r"水平|含量|浓度|levels?|concentrations?|content", "level"), (r"释放|分泌|release|secretion", "release"),
    (r"密度|数量|density|number", "density"), (r"患病率|发病率|发生率|prevalence|incidence", "prevalence"),
]


_BAD_POLARITY = re.compile(
    # the acronyms match as written, in capitals: "VAS" is no part of "vascular function", "ROS" of "cross-sectional area"
    r"(?-i:\b(?:ROS|MDA|VAS|NRS|MNSI|TNS|CIPN|ODI|LDL))|"
    r"pain|allodynia|hyperalgesia|hypersensitivity|sensitization|inflammation|inflammatory|oxidative|"
    r"lipid peroxidation|symptom|damage|injury|apoptosis|neuropathy|prevalence|"
    r"fatigue|depression|anxiety|disability|sway|疼痛|痛|炎症|损伤|症状|氧化应激|凋亡|功能障碍|障碍|恐惧|焦虑|抑郁|失眠|摇摆|晃动|摆动|"
    # deficits and degenerative states (an improvement of them is a decrease)
    r"impairment|deficit|dysfunction|degeneration|demyelination|atrophy|wasting|denervation|instability|weakness|"
    r"numbness|tingling|paresthesia|dysesthesia|edema|oedema|fibrosis|negative emotion|dyspn|呼吸困难|"
    # timed tests (a shorter time is better): an improvement of the timed up-and-go is a decrease
    r"timed up|(?-i:\bTUG)|\bfalls?\b|fall risk|"
    # symptom questionnaires scored upwards with more symptoms (Patient Neurotoxicity Questionnaire)
    r"(?-i:\bPNQ)|neurotoxicity questionnaire|"
    r"萎缩|脱髓鞘|变性|退变|水肿|麻木|不良情绪|负面情绪|负性情绪|"
    # metabolic risk markers (lower is better): an improvement of blood glucose or lipids is a decrease
    r"blood glucose|fasting glucose|HbA1c|glycated|cholesterol|triglyceride|insulin resistance|HOMA-IR|blood pressure|"
    r"viscosity|血糖|糖化血红蛋白|血脂|胆固醇|甘油三酯|胰岛素抵抗|血压|黏度|粘度|"
    # adiposity (lower is better): an improvement of body fat or the waist-hip ratio is a decrease
    r"body fat|waist|体脂|腰臀比|腰围|"
    # neuropathy and toxicity scores (higher is worse): TCSS, MDNS, TSS, NSS, 神经毒性/症状评分
    r"TCSS|Toronto|MDNS|\bTSS\b|\bNSS\b|neurotoxicity|神经毒性|症状评分|症状积分|RMDQ|Roland|Oswestry|"
    # symptom, impact and disability questionnaires scored upwards (litmine curators): the Neck Pain Questionnaire,
    # the Fibromyalgia Impact Questionnaire, the Pittsburgh Sleep Quality Index, WOMAC, the Neck Disability Index
    r"(?-i:\b(?:NPQ|FIQ|FIQR|PSQI|WOMAC|NDI)\b)|impact questionnaire|匹兹堡睡眠质量指数|"
    # fear and pain scores scored upwards with more trouble (DN4, LANSS, TSK), and signs counted or felt more in
    # worse disease (tender points, stiffness, catastrophizing)
    r"(?-i:\b(?:DN4|S?-?LANSS|NPSI|TSK|HAQ)\b)|Fibromyalgia Impact|Pittsburgh Sleep|kinesiophobia|"
    r"fear of movement|fear-avoidance|catastrophi[sz]|tender points?|stiffness|僵硬|压痛点|"
    # insomnia scales (higher is worse): the Insomnia Severity Index, 失眠严重指数
    r"insomnia|(?-i:\bISI\b)|"
    # endoplasmic reticulum stress and the temporal summation of pain (more is worse)
    r"ER stress|endoplasmic reticulum stress|内质网应激|temporal summation|时间总和", re.I)


#: A latency that a shorter one is better of: a nerve's conduction or an evoked potential's (F-wave latency, distal
#: motor latency, P100 latency), an escape latency; not a nociceptive test's (withdrawal, tail-flick, hot plate,
#: whose longer latency is less pain, :data:`_PAIN_TEST`) nor a latency to fall from a rotarod (longer is better).
#: Improving such a latency shortens it (litmine curators, from electrophysiology results of DPN trials).
_SHORTER_BETTER_LATENCY = re.compile(r"latenc|潜伏期", re.I)
_LONGER_BETTER_LATENCY = re.compile(r"latency to fall|fall latency|rotarod|跌落|掉落", re.I)


#: Chinese heads after a measure that make it a disorder ("糖代谢紊乱", "神经功能障碍", "胰岛素抵抗"): improving,
#: reversing or relieving it is a decrease (litmine curators, from CNKI result and conclusion sentences).
_DISORDER_AFTER = re.compile(r"^\s*的?(紊乱|障碍|异常|失调|损伤|损害|病变|缺损|减退|抵抗)")


_EXERT = {"发挥", "产生", "exert", "exerted", "exerts", "produce", "produced", "produces"}


_ANALGESIA = re.compile(r"^(analgesia|exercise-induced hypoalgesia|hypoalgesia|antinociception)$")


_THRESHOLD = re.compile(r"threshold|latency|阈值|潜伏期|tolerance|耐受", re.I)


_PAIN = re.compile(r"pain|allodynia|hyperalgesia|hypersensitivity|nocicept|VAS|NRS|疼痛|痛", re.I)


#: A threshold or latency is a pain outcome only when it is one of a nociceptive test or of pain (paw withdrawal,
#: tail-flick, hot plate, von Frey, 缩足/缩爪/甩尾, pain threshold): an evoked potential's or a nerve's latency
#: (N1波峰潜伏期, distal motor latency) and an anaerobic or lactate threshold are not (litmine curators).
_PAIN_TEST = re.compile(r"pain|withdrawal|nocicept|paw|tail|hot[- ]plate|von frey|mechanical|thermal|heat|cold|"
                        r"pressure|痛|缩足|缩爪|缩腿|甩尾|热板|机械|热|冷", re.I)


#: The body's own pain control (descending inhibition, conditioned pain modulation): more of it relieves pain
#: (litmine curators; analgesia itself is read as a decrease of pain before this).
_ANTI_PAIN = re.compile(r"(pain|痛觉?)\s*(下行)?\s*(inhibition|modulation|抑制|调制)|下行抑制|descending inhibit", re.I)


_DRUG_AGENT = re.compile(r"(被|经|用|给予|by|with)\s*$|拮抗剂|antagonist", re.I)


_NO_CHANGE_RX = re.compile("|".join(NO_CHANGE), re.I)
#: Benefit, therapy and role idioms: how abstracts state an effect without a change verb.
#: ``improve`` resolves by the target's polarity (a benefit to pain is a decrease).
IDIOMS = [
    (r"\b(?:beneficial|benefits?|benefited|helpful|useful|efficacious|effective(?:ness)?)\s+(?:effects?\s+)?"
     r"(?:for|to|in|on|against)\b(?!\s+(?:the\s+)?(?:patients|participants|rats|mice|animals|individuals|people)\b)", "improve"),
    (r"\b(?:treating|treatments? (?:of|for)|therap(?:y|ies) for|manag(?:e|es|ed|ing)|management of|"
     r"approach(?:es)? (?:to|for)(?: the)? (?:treatment|management) of|relie(?:f|ving) of)\b"
     # "WBV therapy for six weeks": a time, not what is treated
     r"(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few|up to)\b)", "improve"),
    # "Benefits of exercise on nerve regeneration": the exercise named between the benefit and its object
    (r"\b(?:benefits?|beneficial effects?|positive effects?)(?=\s+of\s+[^.;,]{1,40}?\s+(?:on|for|in|against)\b)", "improve"),
    # "resulted in faster recovery of grip function": a sooner or quicker recovery is an improvement
    (r"\b(?:faster|quicker|earlier|accelerated|more rapid|speedier)\b(?=\s+(?:\w+\s+)?(?:recovery|return|regeneration|"
     r"healing|improvement|normali[sz]ation|restoration)\b)", "improve"),
    # "BDNF levels returned to baseline": normalised, with no direction stated
    (r"\b(?:returned|return|returns|came back|restored) to (?:the )?(?:baseline|normal|control|sham|pre-?injury)"
     r"(?: levels?| values?)?\b", "modulate"),
    (r"\bplays? an? (?:\w+\s+){0,2}role (?:in|for)\b|\bcontribut(?:es|ed|ing)? to\b(?! the development)", "modulate"),
    (r"\b(?:retard(?:s|ed)?|slow(?:s|ed)?(?: down)?|delay(?:s|ed)?|halt(?:s|ed)?)\b(?= (?:the )?(?:onset|progression|development|decline|loss|deterioration|worsening|appearance))", "decrease"),
    # "对术后症状有较好的改善效果", "对抑郁症状的有益效果"
    (r"(?:有|具有|产生|存在)(?:积极|良好|有益|显著|明显|一定|较好|很好|较大|较为明显)的?(?:改善|治疗|缓解)?(?:影响|作用|效果|疗效)|"
     r"的有益(?:影响|作用|效果)|有益于|有利于|有助于|"
     # 治疗 as a predicate only: not the noun of "常规治疗/基础治疗/对症治疗/降糖治疗" (the care every arm receives)
     r"(?<!的)(?<!药物)(?<!药)(?<!常规)(?<!基础)(?<!对症)(?<!降糖)(?<!综合)(?<!一般)(?<!标准)"
     r"治疗(?!组|前|后|方法|方式|方案|手段|策略|措施|效果|作用|时间|期间|周期|中|领域|的|提供)", "improve"),
]
_IDIOM_RX = [(re.compile(rx, re.I), d) for rx, d in IDIOMS]


_COMPARE_RX = re.compile("|".join(COMPARATIVES), re.I)


_NEG_RX = re.compile("|".join(NEGATION), re.I)


_HEDGE_RX = re.compile("|".join(HEDGES), re.I)


_NOMINAL_UP = re.compile(r"^(increases?|elevations?|rises?|upregulation|up-regulation|overexpression|accumulation|"
                         r"增加|升高|上调|增多|过度表达|过表达|积累|激活)$", re.I)


_NOMINAL_DOWN = re.compile(r"^(decreases?|reductions?|loss|losses|declines?|downregulation|down-regulation|depletion|"
                           r"下降|降低|减少|下调|丢失|缺失|减弱)$", re.I)


#: Verbs that act against a change: "reversed / normalised / prevented the decreased X" means X went the other way.
_COUNTER = re.compile(r"^(revers|restor|normali[sz]|rescu|prevent|counteract|abolish|block|attenuat|blunt|mitigat|"
                      r"suppress|inhibit|reduc|decreas|alleviat|amelior|lower|dampen|damp|offset|逆转|恢复|阻止|纠正)", re.I)


#: Participles that describe a changed state in front of a noun ("increased IL-6", "reduced KCC2 expression").
_STATE_UP = re.compile(r"^(increased|elevated|enhanced|upregulated|up-regulated|raised|heightened|augmented|"
                       r"activated|overexpressed|exaggerated)$", re.I)
_STATE_DOWN = re.compile(r"^(decreased|reduced|diminished|downregulated|down-regulated|lowered|impaired|depressed|"
                         r"lost|declined)$", re.I)


_PASSIVE = re.compile(r"(受到|被|得到|遭到|(was|were|is|are|been)\s+(\w+ly\s+)?)$", re.I)


_MODIFIER_BEFORE = re.compile(r"((patients|participants|people|individuals|subjects|adults|women|men|rats|mice|"
                              r"animals|those|survivors) with|患有|伴有?)\s*((a|an|the)\s+)?(\w+ly\s+)?(induced\s+|painful\s+)?$|"
                              r"(-positive|\+|阳性)\s*$|"
                              # "mechanisms underlying NP", "pathways involved in pain": what is changed is the mechanism
                              r"\b(mechanisms?|pathways?|processes|circuits?)\s+(underlying|involved in|implicated in|of)\s+"
                              r"((the|an?)\s+)?$|\b(pathogenesis|pathophysiology)\s+of\s+((the|an?)\s+)?$|"
                              # "should be considered in the therapy of DPN": the condition treated, not a target
                              r"\b(considered|used|recommended|included|applied|prescribed|implemented)\s+(as\s+\w+\s+)?"
                              r"(in|for)\s+(the\s+)?(therapy|treatment|management|rehabilitation|care)\s+(of|for)\s+((the|an?)\s+)?$", re.I)


#: An injury or disease a time is counted from ("improving axonal elongation after peripheral nerve injury",
#: "neuroimmune responses following traumatic nerve injury"): the model the finding is in, not its target.
_AFTER_INJURY = re.compile(r"\b(after|following|post-?)\s*((the|an?|experimental|traumatic|surgical)\s+)?$|损伤后$", re.I)


#: What stands between two members of a list, the whole gap: 、 和 及 与 以及 或, ",", ", and", ", or", "and", "or"
#: ("坐骨神经和腰段脊髓", "RMDQ评分和JOA评分", "CCI and SNI"; matched with ``fullmatch``).
LIST_GAP = re.compile(r"\s*(?:、|和|及|与|以及|或|,\s*(?:and|or)?|and|or)\s*", re.I)


_COORD_GAP = re.compile(r"^\s*(、|和|与|及其?|以及|或|/|,|，|;|and|or|as well as|plus|but not)\s*(the\s+)?", re.I)


_AGENT_LABELS = {"DISEASE", "DRUG", "CELL_TYPE", "PROCESS", "CYTOKINE", "NEUROTROPHIC_FACTOR", "OXIDATIVE_MARKER",
                 "NEUROTRANSMITTER", "NEUROPEPTIDE", "RECEPTOR", "ENZYME", "GENE_OR_PROTEIN", "SIGNALING", "CLASS"}


#: Words that name a control arm (litmine curators): sham, sedentary, usual care, placebo, 对照, 假手术…
CONTROL_WORDS = (r"non-?exercis\w*|unexercis\w*|sedentary|untrained|control|sham|vehicle|usual[- ]care|wait-?list|"
                 r"placebo|without exercise|对照|假手术|假运动|模型组|安静|久坐|常规护理|常规治疗|空白|损伤组")
#: Injury and disease models whose untreated group is the comparator ("SNI组", "CCI rats").
MODEL_GROUP_NAMES = r"SNI|CCI|SNL|STZ|SCI|CIPN|DPN|T2DM|DM|model|injured|diabetic|模型|损伤|糖尿病"
_CONTROL = re.compile(rf"{CONTROL_WORDS}|baseline|基线", re.I)
#: A control arm named without a code, at the start of the text it is matched on.
CONTROL_ARM = re.compile(rf"(?:{CONTROL_WORDS}|{MODEL_GROUP_NAMES})(?:\b|(?<=[\u4e00-\u9fff]))", re.I)
#: A model or sham group named as a subject ("SNI组", "sham rats", "CCI group").
MODEL_GROUP = re.compile(rf"(?:{MODEL_GROUP_NAMES}|假手术|sham|对照)\s*(?:组|小鼠|大鼠|groups?\b|rats\b|mice\b)", re.I)


_ANTAGONIST = re.compile(r"拮抗剂|阻断剂|抑制剂|中和抗体|抗体|antagonist|blocker|inhibitor|neutrali[sz]ing antibod", re.I)


#: An intervention that blocks a receptor or a mediator, named as the agent of a reversal ("Blockade of IL-10
#: prevented the analgesia", "blockade of opioid receptors in the PAG prevents analgesia by wheel running").
_BLOCKADE = re.compile(r"\bblockade of\b|\b(knockdown|knockout|deletion) of\b", re.I)


_REVERSAL = re.compile(r"逆转|阻断|取消|消除|减弱|revers|block|abolish|prevent|attenuat|antagoni", re.I)

#: "(而)两组X差异无统计学意义", "两组患者体重比较无显著性差异": the study's two arms did not differ in X. With one
#: exercise arm and a control arm, the exercise left X unchanged (litmine curators, from CNKI results sections).
BETWEEN_ARMS_NO_DIFFERENCE = re.compile(
    r"(?:两组|(?<![\dA-Za-z.\-])2组|二组|组间)[^，,；;。]{0,30}?(?:差异(?:均)?(?:无|没有)(?:统计学)?(?:意义|显著性)|"
    r"(?:均)?(?:无|没有)(?:统计学|显著性?|明显)?(?:意义的?)?差异|差异(?:均)?不显著)")
#: A between-arm comparison at baseline ("干预前两组…差异无统计学意义", "两组一般资料比较"): comparability, no effect.
BASELINE_COMPARISON = re.compile(r"干预前|治疗前|训练前|运动前|实验前|造模前|术前|基线|入组|一般资料|基本资料|"
                                 r"临床资料|性别|年龄|病程|baseline", re.I)


def between_arms_unchanged(text: str, start: int = 0, end: int | None = None):
    """The match (``re.Match``) of :data:`BETWEEN_ARMS_NO_DIFFERENCE` in ``text[start:end]`` that is no baseline
    comparison (the 30 characters before it, within its clause, name no time before the intervention), or ``None``."""
    end = len(text) if end is None else end
    for m in BETWEEN_ARMS_NO_DIFFERENCE.finditer(text, start, end):
        lo = max(text.rfind(c, start, m.start()) for c in "，,；;。")
        if not BASELINE_COMPARISON.search(text, max(lo + 1, start, m.start() - 30), m.end()):
            return m
    return None


#: Section labels that open a sentence in structured abstracts ("Results:", "结果:").
SECTION_LABEL = re.compile(r"^\s*(?:\d+[.、]?\s*)?[\[【〔]?\s*(?P<label>results?|findings|outcomes|结果|conclusions?|结论|background|"
                           r"introduction|objectives?|aims?|purpose|目的|methods?|方法|materials and methods|design|"
                           r"setting|participants|interventions?|discussion|背景|讨论|意义)"
                           # "Results: ...", "RESULTS Both groups ...", and CNKI's unpunctuated "结果治疗组..." / "目的 探讨..."
                           # "[结果]…", "【结论】…" (bracketed labels) and a label alone on its heading line ("结果")
                           r"(?:\s*[\]】〕]\s*[:：]?|\s*[:：]|\s+(?=[A-Z])|(?<=[\u4e00-\u9fff])\s*(?=[\u4e00-\u9fff\dA-Za-z(（])|"
                           r"(?<=[\u4e00-\u9fff])\s*$)", re.I)
RESULTS_LABEL = re.compile(r"^(results?|findings|outcomes|结果)$", re.I)
#: Aims and study questions: relations stated there are hedged (a question, not a finding).
AIM = re.compile(r"^\s*(?:objectives?|aims?|purpose|目的)\s*[:：]|^\s*目的\s*(?=[\u4e00-\u9fff])|^\s*[\[【〔]\s*目的\s*[\]】〕]|\b(?:we|this study|the present study|the aim of|"
                 r"the purpose of)\b[^.;]{0,40}\b(?:investigated?|examined?|evaluated?|assess(?:ed)?|explored?|aimed|"
                 r"sought|tested|studied|asked|determined?)\b(?:\s+(?:whether|if|how|the))?|\bto (?:investigate|examine|evaluate|"
                 r"assess|explore|determine|study|test) (?:whether|if|how|the)|探讨|旨在|观察.{0,30}的影响|研究.{0,30}的影响", re.I)

#: A healthy, uninjured or sham population: such relations never take the injury model.
HEALTHY = re.compile(r"\b(?:healthy|uninjured|non-?injured|naive|naïve|intact|sham(?:-operated)?|normal (?:rats|mice|animals|"
                     r"subjects|volunteers))\b|健康|正常(?:大鼠|小鼠|动物|人群|组|对照)|假手术|未损伤|非损伤", re.I)
#: Just before a healthy or sham group, a comparison marker makes it the comparator ("较假手术组", "与正常组相比",
#: "than sham rats", "compared with healthy controls"), not the population the relation is about.
#: An English comparison marker and the words that may follow it before the comparator group is named.
COMPARISON_EN = r"\b(?:than|compared (?:with|to)|relative to|versus|vs\.?)\s+(?:(?:in|with|to|the|those|that|of|all)\s+)*"
_COMPARATOR_BEFORE = re.compile(rf"(?:较|与|和|比|同|相对于|对比)\s*(?:[^，,；;。]{{0,3}}?)$|{COMPARISON_EN}$", re.I)


def healthy_population(text: str) -> bool:
    """Whether ``text`` (a clause) names a healthy, uninjured or sham population (:data:`HEALTHY`) other than as the
    comparator of a comparison ("SCI大鼠运动功能较假手术组有改善" is about the SCI rats)."""
    return any(not _COMPARATOR_BEFORE.search(text[max(0, m.start() - 30):m.start()]) for m in HEALTHY.finditer(text))


#: Species an animal model is studied in (litmine curators: SNI, CCI, SNL, STZ and the other rodent models).
RODENTS = ("rat", "mouse")


# Every cue pattern behind a look-ahead on its first characters (same matches; re then skips the
# positions where no match can start instead of trying each alternative there).
for _name, _value in list(globals().items()):
    if isinstance(_value, re.Pattern):
        globals()[_name] = first_char_guard(_value)
_IDIOM_RX = [(first_char_guard(_rx), _d) for _rx, _d in _IDIOM_RX]
del _name, _value
