"""Search-export records written for litmine's tests: three invented English papers
and one invented Chinese paper, in every export format litmine reads.

Titles, authors, journals, DOIs (prefix 10.9999, not a registered prefix's
papers), PMIDs (390000xx) and abstracts are made up for these tests; no text is
taken from a real record. ``EXPECTED`` holds each paper's metadata as every
reader must return it.
"""
from __future__ import annotations

import sqlite3

P1 = dict(title="Treadmill running lowers spinal TNF-alpha in rats with nerve injury",
          authors=["Li, Wei", "Chen, Xiaoming", "Okafor, Grace"], year=2021,
          journal="Journal of Invented Exercise Science", doi="10.9999/jies.2021.0101", pmid="39000001",
          language="en",
          abstract=("BACKGROUND: Nerve injury raises spinal cytokines.\n\n"
                    "METHODS: Rats ran on a treadmill for four weeks.\n\n"
                    "RESULTS: Spinal TNF-alpha fell after running.\n\n"
                    "CONCLUSIONS: Running may calm spinal inflammation."),
          keywords=["treadmill", "TNF-alpha", "neuropathic pain"])
P2 = dict(title="Swimming and hippocampal BDNF in aged mice", authors=["Garcia, Ana", "Novak, Petr"], year=2019,
          journal="Invented Journal of Ageing", doi="10.9999/ija.2019.022", pmid="39000002", language="en",
          abstract="Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.",
          keywords=["swimming", "BDNF"])
P3 = dict(title="Resistance training and insulin resistance in older adults: a pilot trial",
          authors=["Smith, John A", "Tanaka, Yui", "Ahmed, Sara"], year=2020, journal="Made-up Clinical Trials",
          doi="10.9999/mct.2020.3", pmid="39000003", language="en",
          abstract=("OBJECTIVE: To test whether lifting weights changes insulin resistance.\n\n"
                    "METHODS: Forty volunteers trained three times a week for twelve weeks.\n\n"
                    "RESULTS: HOMA-IR decreased in the training group.\n\n"
                    "CONCLUSIONS: Resistance training lowered insulin resistance."),
          keywords=["resistance training", "insulin resistance"])
C1 = dict(title="跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响", authors=["张伟", "李娜", "王强"], year=2022,
          journal="虚构运动医学杂志", doi="10.9999/xyyx.2022.05", pmid="", language="zh",
          abstract=("目的：观察跑台运动对大鼠脊髓炎症的作用。\n\n方法：大鼠进行四周跑台训练。\n\n"
                    "结果：脊髓TNF-α表达降低。\n\n结论：跑台运动可减轻脊髓炎症。"),
          keywords=["跑台运动", "神经病理性疼痛", "肿瘤坏死因子"])

PUBMED_XML = """<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">39000001</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue CitedMedium="Internet"><Volume>12</Volume><PubDate><Year>2021</Year><Month>Mar</Month></PubDate></JournalIssue>
        <Title>Journal of Invented Exercise Science</Title>
        <ISOAbbreviation>J Invent Exerc Sci</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Treadmill running lowers spinal TNF-<i>alpha</i> in rats with nerve injury</ArticleTitle>
      <ELocationID EIdType="doi" ValidYN="Y">10.9999/jies.2021.0101</ELocationID>
      <Abstract>
        <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Nerve injury raises spinal cytokines.</AbstractText>
        <AbstractText Label="METHODS" NlmCategory="METHODS">Rats ran on a treadmill for four weeks.</AbstractText>
        <AbstractText Label="RESULTS" NlmCategory="RESULTS">Spinal TNF-alpha fell after running.</AbstractText>
        <AbstractText Label="CONCLUSIONS" NlmCategory="CONCLUSIONS">Running may calm spinal inflammation.</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Li</LastName><ForeName>Wei</ForeName><Initials>W</Initials></Author>
        <Author ValidYN="Y"><LastName>Chen</LastName><ForeName>Xiaoming</ForeName><Initials>X</Initials></Author>
        <Author ValidYN="Y"><LastName>Okafor</LastName><ForeName>Grace</ForeName><Initials>G</Initials></Author>
      </AuthorList>
      <Language>eng</Language>
    </Article>
    <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">treadmill</Keyword><Keyword MajorTopicYN="N">TNF-alpha</Keyword><Keyword MajorTopicYN="N">neuropathic pain</Keyword></KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="pubmed">39000001</ArticleId><ArticleId IdType="doi">10.9999/jies.2021.0101</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">39000002</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue><PubDate><MedlineDate>2019 Nov-Dec</MedlineDate></PubDate></JournalIssue>
        <Title>Invented Journal of Ageing</Title>
      </Journal>
      <ArticleTitle>Swimming and hippocampal BDNF in aged mice</ArticleTitle>
      <Abstract>
        <AbstractText>Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.</AbstractText>
      </Abstract>
      <AuthorList>
        <Author><LastName>Garcia</LastName><ForeName>Ana</ForeName></Author>
        <Author><LastName>Novak</LastName><ForeName>Petr</ForeName></Author>
      </AuthorList>
      <Language>eng</Language>
    </Article>
    <KeywordList><Keyword>swimming</Keyword><Keyword>BDNF</Keyword></KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="pubmed">39000002</ArticleId><ArticleId IdType="doi">10.9999/ija.2019.022</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">39000003</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue>
        <Title>Made-up Clinical Trials</Title>
      </Journal>
      <ArticleTitle>Resistance training and insulin resistance in older adults: a pilot trial</ArticleTitle>
      <Abstract>
        <AbstractText Label="OBJECTIVE">To test whether lifting weights changes insulin resistance.</AbstractText>
        <AbstractText Label="METHODS">Forty volunteers trained three times a week for twelve weeks.</AbstractText>
        <AbstractText Label="RESULTS">HOMA-IR decreased in the training group.</AbstractText>
        <AbstractText Label="CONCLUSIONS">Resistance training lowered insulin resistance.</AbstractText>
      </Abstract>
      <AuthorList>
        <Author><LastName>Smith</LastName><ForeName>John A</ForeName></Author>
        <Author><LastName>Tanaka</LastName><ForeName>Yui</ForeName></Author>
        <Author><LastName>Ahmed</LastName><ForeName>Sara</ForeName></Author>
      </AuthorList>
      <Language>eng</Language>
    </Article>
    <KeywordList><Keyword>resistance training</Keyword><Keyword>insulin resistance</Keyword></KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="pubmed">39000003</ArticleId><ArticleId IdType="doi">10.9999/mct.2020.3</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"""

MEDLINE = """PMID- 39000001
OWN - NLM
STAT- MEDLINE
DP  - 2021 Mar
TI  - Treadmill running lowers spinal TNF-alpha in rats with nerve
      injury
LID - 10.9999/jies.2021.0101 [doi]
AB  - BACKGROUND: Nerve injury raises spinal cytokines. METHODS: Rats ran on a treadmill
      for four weeks. RESULTS: Spinal TNF-alpha fell after running. CONCLUSIONS: Running
      may calm spinal inflammation.
FAU - Li, Wei
AU  - Li W
FAU - Chen, Xiaoming
AU  - Chen X
FAU - Okafor, Grace
AU  - Okafor G
LA  - eng
TA  - J Invent Exerc Sci
JT  - Journal of Invented Exercise Science
OT  - treadmill
OT  - TNF-alpha
OT  - neuropathic pain
AID - 10.9999/jies.2021.0101 [doi]

PMID- 39000002
DP  - 2019 Nov-Dec
TI  - Swimming and hippocampal BDNF in aged mice
AB  - Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary
      mice.
FAU - Garcia, Ana
FAU - Novak, Petr
LA  - eng
JT  - Invented Journal of Ageing
OT  - swimming
OT  - BDNF
AID - 10.9999/ija.2019.022 [doi]
"""

RIS = """TY  - JOUR
TI  - Treadmill running lowers spinal TNF-alpha in rats with nerve injury
AU  - Li, Wei
AU  - Chen, Xiaoming
AU  - Okafor, Grace
PY  - 2021
T2  - Journal of Invented Exercise Science
DO  - 10.9999/jies.2021.0101
AB  - BACKGROUND: Nerve injury raises spinal cytokines. METHODS: Rats ran on a treadmill for four weeks. RESULTS: Spinal TNF-alpha fell after running. CONCLUSIONS: Running may calm spinal inflammation.
KW  - treadmill
KW  - TNF-alpha
KW  - neuropathic pain
LA  - eng
DB  - PubMed
AN  - 39000001
ER  - 

TY  - JOUR
TI  - Swimming and hippocampal BDNF in aged mice
AU  - Garcia, Ana
AU  - Novak, Petr
PY  - 2019///
JO  - Invented Journal of Ageing
DO  - https://doi.org/10.9999/IJA.2019.022
AB  - Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.
KW  - swimming
KW  - BDNF
LA  - English
ER  - 

TY  - JOUR
TI  - Resistance training and insulin resistance in older adults - a pilot trial
AU  - Smith, John A
AU  - Tanaka, Yui
AU  - Ahmed, Sara
PY  - 2020
T2  - Made-up Clinical Trials
AB  - OBJECTIVE: To test whether lifting weights changes insulin resistance. METHODS: Forty volunteers trained three times a week for twelve weeks. RESULTS: HOMA-IR decreased in the training group. CONCLUSIONS: Resistance training lowered insulin resistance.
KW  - resistance training
KW  - insulin resistance
LA  - eng
ER  - 
"""

WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Smith, JA
   Tanaka, Y
   Ahmed, S
AF Smith, John A
   Tanaka, Yui
   Ahmed, Sara
TI Resistance training and insulin resistance in older adults: a pilot
   trial
SO Made-up Clinical Trials
LA English
DT Article
DE resistance training; insulin resistance
AB OBJECTIVE: To test whether lifting weights changes insulin resistance.
   METHODS: Forty volunteers trained three times a week for twelve weeks.
   RESULTS: HOMA-IR decreased in the training group. CONCLUSIONS:
   Resistance training lowered insulin resistance.
PY 2020
DI 10.9999/mct.2020.3
PM 39000003
UT WOS:000999999900003
ER

EF
"""

ENDNOTE_XML = """<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="Review.enl" path="C:\\Review.enl">Review.enl</database><source-app name="EndNote" version="20.0">EndNote</source-app><rec-number>7</rec-number><ref-type name="Journal Article">17</ref-type><contributors><authors><author><style face="normal" font="default" size="100%">Garcia, Ana</style></author><author><style face="normal" font="default" size="100%">Novak, Petr</style></author></authors></contributors><titles><title><style face="normal" font="default" size="100%">Swimming and hippocampal BDNF in aged mice</style></title><secondary-title><style face="normal" font="default" size="100%">Invented Journal of Ageing</style></secondary-title></titles><periodical><full-title><style face="normal" font="default" size="100%">Invented Journal of Ageing</style></full-title></periodical><keywords><keyword><style face="normal" font="default" size="100%">swimming</style></keyword><keyword><style face="normal" font="default" size="100%">BDNF</style></keyword></keywords><dates><year><style face="normal" font="default" size="100%">2019</style></year></dates><accession-num><style face="normal" font="default" size="100%">39000002</style></accession-num><electronic-resource-num><style face="normal" font="default" size="100%">10.9999/ija.2019.022</style></electronic-resource-num><abstract><style face="normal" font="default" size="100%">Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.</style></abstract><remote-database-name><style face="normal" font="default" size="100%">PubMed</style></remote-database-name><language><style face="normal" font="default" size="100%">eng</style></language></record></records></xml>
"""

BIBTEX = r"""@comment{written for litmine's tests}
@article{li2021treadmill,
  title = {Treadmill running lowers spinal {TNF}-alpha in rats with nerve injury},
  author = {Li, Wei and Chen, Xiaoming and Okafor, Grace},
  journal = {Journal of Invented Exercise Science},
  year = {2021},
  doi = {10.9999/jies.2021.0101},
  pmid = {39000001},
  abstract = {BACKGROUND: Nerve injury raises spinal cytokines. METHODS: Rats ran on a treadmill for four weeks. RESULTS: Spinal TNF-alpha fell after running. CONCLUSIONS: Running may calm spinal inflammation.},
  keywords = {treadmill, TNF-alpha, neuropathic pain},
  langid = {english},
  file = {Full Text PDF:files/1/li2021.pdf:application/pdf},
}
@article{novak_broken,
  title = {An entry left unfinished
"""

# CNKI "EndNote" (refer) export of C1 (written in GB18030 by the tests).
CNKI_REFER = """%0 Journal Article
%A 张伟
%A 李娜
%A 王强
%+ 虚构大学体育学院
%T 跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响
%J 虚构运动医学杂志
%D 2022
%V 41
%N 5
%K 跑台运动;神经病理性疼痛;肿瘤坏死因子
%X 目的：观察跑台运动对大鼠脊髓炎症的作用。方法：大鼠进行四周跑台训练。结果：脊髓TNF-α表达降低。结论：跑台运动可减轻脊髓炎症。
%P 401-406
%@ 9999-0000
%R 10.9999/xyyx.2022.05
%W CNKI

"""

CNKI_REFWORKS = """RT Journal Article
SR 1
A1 张伟;李娜;王强
AD 虚构大学体育学院
T1 跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响
JF 虚构运动医学杂志
YR 2022
IS 05
vo 41
OP 401-406
K1 跑台运动;神经病理性疼痛;肿瘤坏死因子
AB 目的：观察跑台运动对大鼠脊髓炎症的作用。方法：大鼠进行四周跑台训练。结果：脊髓TNF-α表达降低。结论：跑台运动可减轻脊髓炎症。
SN 9999-0000
LA 中文;
DS CNKI
DO 10.9999/xyyx.2022.05

"""

CNKI_NOTEEXPRESS = """{Reference Type}: Journal Article
{Title}: 跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响
{Author}: 张伟;李娜;王强;
{Author Address}: 虚构大学体育学院
{Journal}: 虚构运动医学杂志
{Year}: 2022
{Volume}: 41
{Issue}: 05
{Pages}: 401-406
{Keywords}: 跑台运动;神经病理性疼痛;肿瘤坏死因子;
{Abstract}: 目的：观察跑台运动对大鼠脊髓炎症的作用。方法：大鼠进行四周跑台训练。结果：脊髓TNF-α表达降低。结论：跑台运动可减轻脊髓炎症。
{ISBN/ISSN}: 9999-0000
{DOI}: 10.9999/xyyx.2022.05
{Language}: 中文
{Database Provider}: CNKI

"""

WANFANG_TEXT = """1.
【题名】跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响
【作者】张伟,李娜,王强
【作者单位】虚构大学体育学院
【刊名】虚构运动医学杂志
【年，卷(期)】2022,41(5)
【关键词】跑台运动；神经病理性疼痛；肿瘤坏死因子
【摘要】目的：观察跑台运动对大鼠脊髓炎症的作用。方法：大鼠进行四周跑台训练。结果：脊髓TNF-α表达降低。结论：跑台运动可减轻脊髓炎症。
【DOI】10.9999/xyyx.2022.05

2.
【题名】游泳运动对老龄小鼠海马的作用
【作者】赵敏
【刊名】虚构老年医学杂志
【年，卷(期)】2018,9(2)
【摘要】老龄小鼠每天游泳六周，海马指标升高。
"""

VIP_TEXT = """【题 名】跑台运动对坐骨神经损伤大鼠脊髓炎症因子的影响
【作 者】张伟[1];李娜[1];王强[2]
【机 构】[1]虚构大学体育学院
【刊 名】虚构运动医学杂志
【年 卷 期】2022年第41卷第5期
【关键词】跑台运动;神经病理性疼痛;肿瘤坏死因子
【文 摘】目的：观察跑台运动对大鼠脊髓炎症的作用。方法：大鼠进行四周跑台训练。结果：脊髓TNF-α表达降低。结论：跑台运动可减轻脊髓炎症。
【DOI】10.9999/xyyx.2022.05
"""

CSL_JSON = """[
  {"id": "http://zotero.org/users/1/items/ABCD1234", "type": "article-journal",
   "title": "Resistance training and insulin resistance in older adults: a pilot trial",
   "container-title": "Made-up Clinical Trials", "DOI": "10.9999/mct.2020.3", "PMID": "39000003",
   "language": "en", "keyword": "resistance training, insulin resistance",
   "abstract": "OBJECTIVE: To test whether lifting weights changes insulin resistance. METHODS: Forty volunteers trained three times a week for twelve weeks. RESULTS: HOMA-IR decreased in the training group. CONCLUSIONS: Resistance training lowered insulin resistance.",
   "author": [{"family": "Smith", "given": "John A"}, {"family": "Tanaka", "given": "Yui"},
              {"family": "Ahmed", "given": "Sara"}],
   "issued": {"date-parts": [[2020, 6]]}}
]
"""

ZOTERO_RDF = """<rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:z="http://www.zotero.org/namespaces/export#"
 xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:link="http://purl.org/rss/1.0/modules/link/"
 xmlns:bib="http://purl.org/net/biblio#"
 xmlns:foaf="http://xmlns.com/foaf/0.1/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:prism="http://prismstandard.org/namespaces/1.2/basic/">
    <bib:Article rdf:about="#item_1">
        <z:itemType>journalArticle</z:itemType>
        <dcterms:isPartOf>
            <bib:Journal><dc:title>Invented Journal of Ageing</dc:title></bib:Journal>
        </dcterms:isPartOf>
        <bib:authors>
            <rdf:Seq>
                <rdf:li><foaf:Person><foaf:surname>Garcia</foaf:surname><foaf:givenName>Ana</foaf:givenName></foaf:Person></rdf:li>
                <rdf:li><foaf:Person><foaf:surname>Novak</foaf:surname><foaf:givenName>Petr</foaf:givenName></foaf:Person></rdf:li>
            </rdf:Seq>
        </bib:authors>
        <link:link rdf:resource="#item_2"/>
        <dc:subject>swimming</dc:subject>
        <dc:subject>BDNF</dc:subject>
        <dc:title>Swimming and hippocampal BDNF in aged mice</dc:title>
        <dcterms:abstract>Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.</dcterms:abstract>
        <dc:date>2019-11</dc:date>
        <z:language>en</z:language>
        <dc:identifier>DOI 10.9999/ija.2019.022</dc:identifier>
        <dc:description>PMID: 39000002</dc:description>
    </bib:Article>
    <z:Attachment rdf:about="#item_2">
        <z:itemType>attachment</z:itemType>
        <rdf:resource rdf:resource="files/2/garcia2019.pdf"/>
        <dc:title>Full Text PDF</dc:title>
        <link:type>application/pdf</link:type>
    </z:Attachment>
</rdf:RDF>
"""

#: The full text of the invented PDF attached to P2 in the Zotero RDF export.
P2_PDF_TEXT = ("Swimming and hippocampal BDNF in aged mice. doi: 10.9999/ija.2019.022. "
               "Aged mice swam for forty minutes a day. Swimming increased hippocampal BDNF levels in aged mice.")


def make_pdf(path, text: str) -> None:
    """A one-page PDF with ``text`` (fpdf2)."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def make_zotero_sqlite(folder):
    """A minimal zotero.sqlite with Zotero's table and column names, one article and its PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(folder / "zotero.sqlite")
    con.executescript("""
        CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
        CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
        CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY);
        CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
        CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value);
        CREATE TABLE itemData (itemID INT, fieldID INT, valueID INT);
        CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT);
        CREATE TABLE itemCreators (itemID INT, creatorID INT, orderIndex INT);
        CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, parentItemID INT, contentType TEXT, path TEXT);
        CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE itemTags (itemID INT, tagID INT);
        INSERT INTO itemTypes VALUES (1, 'journalArticle'), (2, 'attachment');
        INSERT INTO items VALUES (1, 1, 'AAAA1111'), (2, 2, 'BBBB2222'), (3, 1, 'GONE0000');
        INSERT INTO deletedItems VALUES (3);
        INSERT INTO fields VALUES (1, 'title'), (2, 'date'), (3, 'publicationTitle'), (4, 'DOI'),
                                  (5, 'abstractNote'), (6, 'language'), (7, 'extra');
        INSERT INTO itemDataValues VALUES (1, 'Swimming and hippocampal BDNF in aged mice'), (2, '2019-11-00 2019'),
            (3, 'Invented Journal of Ageing'), (4, '10.9999/ija.2019.022'),
            (5, 'Aged mice swam daily for six weeks. Hippocampal BDNF rose compared with sedentary mice.'),
            (6, 'en'), (7, 'PMID: 39000002'), (8, 'A deleted item');
        INSERT INTO itemData VALUES (1,1,1),(1,2,2),(1,3,3),(1,4,4),(1,5,5),(1,6,6),(1,7,7),(3,1,8);
        INSERT INTO creators VALUES (1, 'Ana', 'Garcia'), (2, 'Petr', 'Novak');
        INSERT INTO itemCreators VALUES (1, 2, 1), (1, 1, 0);
        INSERT INTO itemAttachments VALUES (2, 1, 'application/pdf', 'storage:garcia2019.pdf');
        INSERT INTO tags VALUES (1, 'swimming'), (2, 'BDNF');
        INSERT INTO itemTags VALUES (1, 1), (1, 2);
    """)
    con.commit()
    con.close()
    make_pdf(folder / "storage" / "BBBB2222" / "garcia2019.pdf", P2_PDF_TEXT)
    return folder / "zotero.sqlite"
