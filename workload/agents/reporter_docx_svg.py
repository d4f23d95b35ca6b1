"""
DOCX 후처리: 각 차트 PNG 이미지에 SVG 버전을 함께 연결 (Office 2016+ svgBlip 확장)

Word는 a:blip 아래 a:extLst/a:ext{96DAC541-...}/asvg:svgBlip 이 있으면 SVG를 표시하고,
지원하지 않는 뷰어는 기존 PNG(r:embed)를 그대로 사용합니다.
입력: ./artifacts/report_draft.docx → 출력: ./artifacts/final_report.docx
"""
import os
import re
import zipfile
from lxml import etree

DRAFT = './artifacts/report_draft.docx'
FINAL = './artifacts/final_report.docx'
CHART_DIR = './artifacts/charts'

NS = {
    'w': 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
    'a': 'http://schemas.openxmlformats.org/drawingml/2006/main',
    'pic': 'http://schemas.openxmlformats.org/drawingml/2006/picture',
    'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    'asvg': 'http://schemas.microsoft.com/office/drawing/2016/SVG/main',
    'rel': 'http://schemas.openxmlformats.org/package/2006/relationships',
    'ct': 'http://schemas.openxmlformats.org/package/2006/content-types',
}
IMAGE_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image'
SVG_EXT_URI = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}'

print("🔧 DOCX SVG 후처리 시작")
with zipfile.ZipFile(DRAFT) as zin:
    parts = {name: zin.read(name) for name in zin.namelist()}

document = etree.fromstring(parts['word/document.xml'])
rels = etree.fromstring(parts['word/_rels/document.xml.rels'])
content_types = etree.fromstring(parts['[Content_Types].xml'])

used_ids = [int(m.group(1)) for rel in rels for m in [re.match(r'rId(\d+)$', rel.get('Id', ''))] if m]
next_id = max(used_ids, default=0) + 1
added = {}

for pic in document.iter('{%s}pic' % NS['pic']):
    c_nv_pr = pic.find('pic:nvPicPr/pic:cNvPr', NS)
    blip = pic.find('pic:blipFill/a:blip', NS)
    if c_nv_pr is None or blip is None:
        continue
    stem = os.path.splitext(os.path.basename(c_nv_pr.get('name', '')))[0]
    svg_path = os.path.join(CHART_DIR, f'{stem}.svg')
    if not os.path.exists(svg_path):
        print(f"  ⚠️  SVG 없음, PNG만 유지: {stem}")
        continue
    if stem not in added:
        rid = f'rId{next_id}'
        next_id += 1
        media_name = f'word/media/{stem}.svg'
        with open(svg_path, 'rb') as f:
            parts[media_name] = f.read()
        rel = etree.SubElement(rels, '{%s}Relationship' % NS['rel'])
        rel.set('Id', rid)
        rel.set('Type', IMAGE_REL_TYPE)
        rel.set('Target', f'media/{stem}.svg')
        added[stem] = rid
    ext_lst = blip.find('a:extLst', NS)
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, '{%s}extLst' % NS['a'])
    ext = etree.SubElement(ext_lst, '{%s}ext' % NS['a'])
    ext.set('uri', SVG_EXT_URI)
    svg_blip = etree.SubElement(ext, '{%s}svgBlip' % NS['asvg'], nsmap={'asvg': NS['asvg']})
    svg_blip.set('{%s}embed' % NS['r'], added[stem])
    print(f"  ✅ {stem}: PNG {blip.get('{%s}embed' % NS['r'])} + SVG {added[stem]}")

if not any(d.get('Extension', '').lower() == 'svg' for d in content_types.findall('ct:Default', NS)):
    default = etree.Element('{%s}Default' % NS['ct'], Extension='svg', ContentType='image/svg+xml')
    first_override = content_types.find('ct:Override', NS)
    if first_override is not None:
        first_override.addprevious(default)   # Default 항목들 뒤, Override 항목들 앞에 배치
    else:
        content_types.append(default)

parts['word/document.xml'] = etree.tostring(document, xml_declaration=True, encoding='UTF-8', standalone=True)
parts['word/_rels/document.xml.rels'] = etree.tostring(rels, xml_declaration=True, encoding='UTF-8', standalone=True)
parts['[Content_Types].xml'] = etree.tostring(content_types, xml_declaration=True, encoding='UTF-8', standalone=True)

order = ['[Content_Types].xml'] + [n for n in parts if n != '[Content_Types].xml']
with zipfile.ZipFile(FINAL, 'w', zipfile.ZIP_DEFLATED) as zout:
    for name in order:
        zout.writestr(name, parts[name])

print(f"💾 저장: {FINAL} ({os.path.getsize(FINAL) / 1024:.0f} KB), SVG {len(added)}개 연결")
