#!/usr/bin/env python3
"""Agent workload suite: Deep Insight agent scripts sent to an executor the way the runtime sends them.

    python3 workload/agent_workload.py --url http://127.0.0.1:PORT [--report out.json]
            [--session-id ID] [--cold-baseline WORKDIR] [--data CSV] [--keep DIR]

Steps (scripts in workload/agents/, run in this order):
  upload_data                the CSV into the executor's ./data/ (a Python /execute that base64-decodes it)
  calculation_tracker        helper module, written only (later scripts import it from ./artifacts/code)
  coder_load ... reporter_pdf  each one write call + one run call, as the runtime's
                             write-and-execute tool does:
      1. POST /execute {"code": <Python that base64-decodes the script, os.makedirs its directory,
         writes it to ./artifacts/code/<name>.py and prints "lines|bytes">}
      2. POST /execute {"code": "BASH: timeout 300 python ./artifacts/code/<name>.py"}
  missing_package_python     the script sent as plain Python code: must fail with ModuleNotFoundError,
                             error.line at the import, key_info.missing_module naming it
  missing_package_bash       the same script written and run through BASH: must fail with BashError,
                             the traceback in stderr
Then every artifact is fetched with GET /artifacts/<path> and checked (chart pixel sizes, SVG text as
paths, scatter labels not overlapping, tracked calculations, citations, DOCX with PNG + SVG parts and
the svgBlip extension, PDF text and embedded Nanum font, plotly.js embedded, mlxtend rule columns).

The DOCX step produces two files: reporter_docx.py writes ./artifacts/report_draft.docx (PNG only) and
reporter_docx_svg.py writes ./artifacts/final_report.docx (PNG + SVG via svgBlip); both are checked.

--cold-baseline WORKDIR also runs every step's script with a cold `python3 FILE` (cwd WORKDIR, with the
same data/ and artifacts/code/ layout, same order; each right after the executor ran the same step, so
both see the same machine load) and records its wall time.
The cold run uses --cold-python (default /usr/bin/python3) and this process's environment, plus the
repository's fonts/matplotlibrc, fonts/fonts.conf and python/fallbacks when MATPLOTLIBRC,
FONTCONFIG_FILE or PYTHONPATH are not set (what the executor's children get from run.sh / the image).

Standard library only, plus python-docx, lxml (through python-docx) and PIL for the checks.
Prints one line per step and one PASS/FAIL line per check; exits 0 only if all passed.
"""
import argparse
import base64
import csv
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import defaultdict
from datetime import datetime
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
AGENTS = os.path.join(HERE, 'agents')


def _shared_csv():
    """shared/data beside the repository, or beside a folder above it (a git worktree sits deeper)."""
    relative = os.path.join('shared', 'data', 'moon_market', 'moon-market-fresh-food-sales.csv')
    directory = os.path.dirname(REPO)
    while True:
        candidate = os.path.join(directory, relative)
        if os.path.isfile(candidate) or os.path.dirname(directory) == directory:
            return candidate
        directory = os.path.dirname(directory)


DEFAULT_DATA = os.environ.get('AGENT_WORKLOAD_DATA') or _shared_csv()
DATA_NAME = 'moon-market-fresh-food-sales.csv'
CODE_DIR = './artifacts/code'
RUN_TIMEOUT_S = 300           # what the runtime passes to `timeout` for agent scripts
HTTP_TIMEOUT_S = RUN_TIMEOUT_S + 60
RETRY_ATTEMPTS = 3            # the runtime retries a failed /execute, 2 s apart
RETRY_DELAY_S = 2

# (step name, run it?) in the order agents would produce them.
STEPS = [
    ('calculation_tracker', False),
    ('coder_load', True),
    ('coder_charts', True),
    ('analysis_seaborn_sklearn', True),
    ('analysis_mlxtend', True),
    ('analysis_plotly', True),
    ('validator', True),
    ('reporter_docx', True),
    ('reporter_docx_svg', True),
    ('reporter_pdf', True),
]
MISSING_SCRIPT = 'missing_package'
MISSING_MODULE = 'some_package_that_does_not_exist'

CHART_DPI = 200
CHART_FIGSIZES = {   # must match coder_charts.py
    'category_sales_bar': (10, 6),
    'daily_sales_line': (12, 5),
    'product_scatter': (10, 8),
    'category_age_heatmap': (9, 8),
}
EXPECTED_CALCULATIONS = [
    'total_amount', 'total_qty', 'row_count', 'avg_order_amount', 'top_category', 'top_category_amount',
    'top_category_share_pct', 'peak_day', 'peak_day_amount', 'top_product', 'top_product_amount',
    'amount_per_qty_slope', 'basket_count',
]
MLXTEND_COLUMNS = ['antecedents', 'consequents', 'antecedent support', 'consequent support', 'support',
                   'confidence', 'lift', 'leverage', 'conviction']
REPORT_TITLE = '문마켓 신선식품 판매 분석 보고서'
SVG_BLIP_URI = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}'
NS_ASVG = 'http://schemas.microsoft.com/office/drawing/2016/SVG/main'
NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image'

EXPECTED_ARTIFACTS = (
    ['code/%s.py' % name for name, _ in STEPS]
    + ['cache/sales.pkl', 'cache/scatter_label_boxes.json', 'calculation_metadata.json', 'citations.json',
       'charts/chart_manifest.json', 'charts/sales_plotly.html', 'charts/연령대별_매출_분포.png',
       'charts/gender_category_bar.png', 'product_segments.csv', 'model_scores.csv',
       'analysis/association_rules.csv', 'analysis/frequent_itemsets.csv',
       'report_draft.docx', 'final_report.docx', 'report.pdf']
    + ['charts/%s.%s' % (n, ext) for n in CHART_FIGSIZES for ext in ('png', 'svg')]
)


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------
class Executor:
    def __init__(self, url, session_id):
        self.url = url.rstrip('/')
        self.session_id = session_id

    def _request(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode('utf-8')
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def get_json(self, path):
        status, raw = self._request('GET', path)
        if status != 200:
            raise RuntimeError('GET %s answered %d: %s' % (path, status, raw[:300]))
        return json.loads(raw)

    def download(self, rel_path):
        status, raw = self._request('GET', '/artifacts/' + urllib.parse.quote(rel_path, safe='/'), timeout=120)
        if status != 200:
            raise RuntimeError('GET /artifacts/%s answered %d' % (rel_path, status))
        return raw

    def execute(self, code):
        """POST /execute like the runtime: retried on connection errors and non-200 answers.
        Returns (result dict or None, wall_ms of the whole call, attempts, last problem)."""
        body = {'code': code}
        if self.session_id:
            body['session_id'] = self.session_id
        start = time.perf_counter()
        problem = None
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                status, raw = self._request('POST', '/execute', body, timeout=HTTP_TIMEOUT_S)
                if status == 200:
                    wall_ms = (time.perf_counter() - start) * 1000
                    return json.loads(raw), wall_ms, attempt, problem
                problem = 'HTTP %d: %s' % (status, raw[:300].decode('utf-8', 'replace'))
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
                problem = '%s: %s' % (type(e).__name__, e)
            if attempt < RETRY_ATTEMPTS:
                time.sleep(RETRY_DELAY_S)
        return None, (time.perf_counter() - start) * 1000, RETRY_ATTEMPTS, problem


def write_code(file_path, content):
    """The Python the runtime's write-and-execute tool sends in its first phase."""
    content_b64 = base64.b64encode(content.encode('utf-8')).decode('ascii')
    return (
        'import os\n'
        'import base64\n'
        '\n'
        'file_path = "%s"\n'
        'dir_path = os.path.dirname(file_path)\n'
        'if dir_path:\n'
        '    os.makedirs(dir_path, exist_ok=True)\n'
        '\n'
        '# Decode base64 content\n'
        'content_b64 = "%s"\n'
        "content = base64.b64decode(content_b64).decode('utf-8')\n"
        '\n'
        '# Write content to file\n'
        "with open(file_path, 'w', encoding='utf-8') as f:\n"
        '    f.write(content)\n'
        '\n'
        'file_size = os.path.getsize(file_path)\n'
        "num_lines = len(content.split('\\n'))\n"
        'print(f"{num_lines}|{file_size}")\n'
    ) % (file_path, content_b64)


def run_code(file_path, timeout=RUN_TIMEOUT_S):
    """The runtime's second phase: `timeout N` only when N > 30."""
    cmd = 'python %s' % file_path
    return 'BASH: timeout %d %s' % (timeout, cmd) if timeout and timeout > 30 else 'BASH: ' + cmd


def tail(text, n=1500):
    text = text or ''
    return text if len(text) <= n else '...' + text[-n:]


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------
def new_step(name):
    return {'step': name, 'status': None, 'ok': False, 'executor_ms': None, 'wall_ms': None,
            'write_executor_ms': None, 'write_wall_ms': None, 'cold_ms': None, 'cold_status': None,
            'attempts': 1, 'problem': None}


def call(ex, code, step, prefix):
    result, wall_ms, attempts, problem = ex.execute(code)
    step['attempts'] = max(step['attempts'], attempts)
    step[prefix + 'wall_ms'] = round(wall_ms, 1)
    if result is None:
        step['status'] = 'http_error'
        step['problem'] = problem
        return None
    step[prefix + 'executor_ms'] = result.get('execution_time_ms')
    return result


def describe_failure(result):
    err = result.get('error') or {}
    return '%s: %s | stderr: %s' % (err.get('type'), tail(str(err.get('message')), 300), tail(result.get('stderr')))


def step_upload_data(ex, data_path):
    # The runtime gets ./data from S3 with POST /file-sync (sync_data_from_s3) right after the task
    # is healthy; with no bucket here, the driver ships the file through a Python /execute instead.
    step = new_step('upload_data')
    with open(data_path, 'rb') as f:
        raw = f.read()
    code = (
        'import base64, os\n'
        "os.makedirs('./data', exist_ok=True)\n"
        "path = './data/%s'\n"
        "with open(path, 'wb') as f:\n"
        "    f.write(base64.b64decode('%s'))\n"
        'print(os.path.getsize(path))\n'
    ) % (DATA_NAME, base64.b64encode(raw).decode('ascii'))
    result = call(ex, code, step, '')
    if result is not None:
        step['status'] = result.get('status')
        if result.get('status') != 'completed':
            step['problem'] = describe_failure(result)
        elif result.get('stdout', '').strip() != str(len(raw)):
            step['problem'] = 'printed %r, expected %d' % (result.get('stdout', '').strip(), len(raw))
        else:
            step['ok'] = True
    return step


def write_script(ex, step, name):
    """Phase 1. Returns True when the file was written and `lines|bytes` is right."""
    with open(os.path.join(AGENTS, name + '.py'), encoding='utf-8') as f:
        content = f.read()
    result = call(ex, write_code('%s/%s.py' % (CODE_DIR, name), content), step, 'write_')
    if result is None:
        return False
    if result.get('status') != 'completed':
        step['status'] = 'write_' + str(result.get('status'))
        step['problem'] = 'write failed: ' + describe_failure(result)
        return False
    expected = '%d|%d' % (len(content.split('\n')), len(content.encode('utf-8')))
    if result.get('stdout', '').strip() != expected:
        step['status'] = 'write_mismatch'
        step['problem'] = 'write printed %r, expected %r' % (result.get('stdout', '').strip(), expected)
        return False
    return True


def step_script(ex, name, run, cold=None):
    step = new_step(name)
    if not write_script(ex, step, name):
        return step
    if not run:
        step['status'] = 'written'
        step['ok'] = True
        step['executor_ms'], step['wall_ms'] = step['write_executor_ms'], step['write_wall_ms']
        return step
    result = call(ex, run_code('%s/%s.py' % (CODE_DIR, name)), step, '')
    if result is None:
        return step
    step['status'] = result.get('status')
    step['stdout_tail'] = tail(result.get('stdout'), 800)
    if result.get('status') == 'completed':
        step['ok'] = True
    else:
        step['problem'] = describe_failure(result)
    if cold is not None:
        cold.run(step, name)
    return step


def import_line(name, module):
    with open(os.path.join(AGENTS, name + '.py'), encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.strip() == 'import ' + module:
                return n
    raise RuntimeError('no `import %s` line in %s.py' % (module, name))


def step_missing_python(ex):
    """The script as plain Python code: structured ModuleNotFoundError at the import line."""
    step = new_step('missing_package_python')
    with open(os.path.join(AGENTS, MISSING_SCRIPT + '.py'), encoding='utf-8') as f:
        content = f.read()
    line = import_line(MISSING_SCRIPT, MISSING_MODULE)
    result = call(ex, content, step, '')
    if result is None:
        return step
    step['status'] = result.get('status')
    err = result.get('error') or {}
    problems = []
    if result.get('status') != 'failed':
        problems.append('status %r, expected failed' % result.get('status'))
    if err.get('type') != 'ModuleNotFoundError':
        problems.append('error.type %r, expected ModuleNotFoundError' % err.get('type'))
    if err.get('line') != line:
        problems.append('error.line %r, expected %d' % (err.get('line'), line))
    if (err.get('key_info') or {}).get('missing_module') != MISSING_MODULE:
        problems.append('error.key_info %r lacks missing_module=%s' % (err.get('key_info'), MISSING_MODULE))
    step['ok'] = not problems
    step['problem'] = '; '.join(problems) or None
    return step


def step_missing_bash(ex):
    """The same script through write + BASH python FILE: BashError, traceback in stderr."""
    step = new_step('missing_package_bash')
    if not write_script(ex, step, MISSING_SCRIPT):
        return step
    line = import_line(MISSING_SCRIPT, MISSING_MODULE)
    result = call(ex, run_code('%s/%s.py' % (CODE_DIR, MISSING_SCRIPT)), step, '')
    if result is None:
        return step
    step['status'] = result.get('status')
    err = result.get('error') or {}
    stderr = result.get('stderr') or ''
    problems = []
    if result.get('status') != 'failed':
        problems.append('status %r, expected failed' % result.get('status'))
    if err.get('type') != 'BashError':
        problems.append('error.type %r, expected BashError' % err.get('type'))
    if err.get('return_code') != 1:
        problems.append('error.return_code %r, expected 1' % err.get('return_code'))
    for needle in ('Traceback', "ModuleNotFoundError: No module named '%s'" % MISSING_MODULE,
                   '%s.py", line %d' % (MISSING_SCRIPT, line)):
        if needle not in stderr:
            problems.append('stderr lacks %r' % needle)
    step['ok'] = not problems
    step['problem'] = '; '.join(problems) or None
    if problems:
        step['stderr_tail'] = tail(stderr)
    return step


# --------------------------------------------------------------------------------------------
# Cold baseline
# --------------------------------------------------------------------------------------------
def cold_env():
    env = dict(os.environ)
    defaults = {
        'MATPLOTLIBRC': os.path.join(REPO, 'fonts', 'matplotlibrc'),
        'FONTCONFIG_FILE': os.path.join(REPO, 'fonts', 'fonts.conf'),
        'PYTHONPATH': os.path.join(REPO, 'python', 'fallbacks'),
    }
    for key, path in defaults.items():
        if not env.get(key) and os.path.exists(path):
            env[key] = path
    env.setdefault('MPLBACKEND', 'Agg')
    env.setdefault('PYTHONIOENCODING', 'utf-8')
    env.setdefault('PYTHONUNBUFFERED', '1')
    env.setdefault('PYTHONDONTWRITEBYTECODE', '1')
    return env


def prepare_cold_workdir(workdir, data_path):
    marker = os.path.join(workdir, '.agent_workload_cold')
    if os.path.isdir(workdir) and os.listdir(workdir) and not os.path.exists(marker):
        raise SystemExit('--cold-baseline %s: directory is not empty and was not made by this driver' % workdir)
    os.makedirs(workdir, exist_ok=True)
    open(marker, 'w').close()
    for sub in ('data', 'artifacts'):
        shutil.rmtree(os.path.join(workdir, sub), ignore_errors=True)
    os.makedirs(os.path.join(workdir, 'data'))
    os.makedirs(os.path.join(workdir, 'artifacts', 'code'))
    shutil.copyfile(data_path, os.path.join(workdir, 'data', DATA_NAME))
    for name, _ in STEPS:
        shutil.copyfile(os.path.join(AGENTS, name + '.py'), os.path.join(workdir, 'artifacts', 'code', name + '.py'))


class ColdBaseline:
    """Runs a step's script with a cold `python3 FILE` in WORKDIR right after the executor ran it,
    so that both see the same machine load."""

    def __init__(self, workdir, python, data_path):
        self.workdir, self.python = workdir, python
        prepare_cold_workdir(workdir, data_path)
        self.env = cold_env()

    def run(self, step, name):
        start = time.perf_counter()
        try:
            proc = subprocess.run([self.python, '%s/%s.py' % (CODE_DIR, name)], cwd=self.workdir, env=self.env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=RUN_TIMEOUT_S)
            rc, stderr = proc.returncode, proc.stderr
        except subprocess.TimeoutExpired as e:
            rc, stderr = 'timeout', e.stderr or b''
        step['cold_ms'] = round((time.perf_counter() - start) * 1000, 1)
        step['cold_status'] = 'completed' if rc == 0 else 'failed(%s)' % rc
        if rc != 0:
            step['cold_stderr_tail'] = tail(stderr.decode('utf-8', 'replace'))


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------
class Checks:
    def __init__(self):
        self.results = []

    def add(self, name, ok, reason=''):
        self.results.append({'check': name, 'passed': bool(ok), 'ok': bool(ok), 'reason': '' if ok else reason})
        print('PASS %s' % name if ok else 'FAIL %s: %s' % (name, reason), flush=True)

    def run(self, name, fn):
        """fn returns None/'' when fine, or a reason string; exceptions are failures."""
        try:
            reason = fn()
        except Exception as e:  # noqa: BLE001 - a check that cannot run is a failed check
            reason = '%s: %s' % (type(e).__name__, e)
        self.add(name, not reason, reason or '')


def expected_from_csv(data_path):
    """Totals the calculations must hold, computed here with the csv module only."""
    with open(data_path, encoding='utf-8-sig', newline='') as f:
        rows = list(csv.DictReader(f))
    by_cat, by_day, by_prod = defaultdict(int), defaultdict(int), defaultdict(int)
    for r in rows:
        amount = int(r['Amount'])
        by_cat[r['Category']] += amount
        m, d, y = (int(x) for x in r['Date'].split('/'))
        by_day['20%02d-%02d-%02d' % (y, m, d)] += amount
        by_prod[r['Product']] += amount
    return rows, {
        'total_amount': sum(int(r['Amount']) for r in rows),
        'total_qty': sum(int(r['Qty']) for r in rows),
        'row_count': len(rows),
        'top_category': max(by_cat, key=by_cat.get),
        'top_category_amount': max(by_cat.values()),
        'peak_day': max(by_day, key=by_day.get),
        'peak_day_amount': max(by_day.values()),
        'top_product': max(by_prod, key=by_prod.get),
        'top_product_amount': max(by_prod.values()),
    }, len(by_cat), len(by_prod)


def boxes_overlap(a, b, tol=0.5):
    return min(a[2], b[2]) - max(a[0], b[0]) > tol and min(a[3], b[3]) - max(a[1], b[1]) > tol


def run_checks(ex, data_path, keep_dir):
    checks = Checks()
    fetched = {}
    rows, expected, n_categories, n_products = expected_from_csv(data_path)

    def get(path):
        if path not in fetched:
            fetched[path] = ex.download(path)
            if keep_dir:
                local = os.path.join(keep_dir, path)
                os.makedirs(os.path.dirname(local), exist_ok=True)
                with open(local, 'wb') as f:
                    f.write(fetched[path])
        return fetched[path]

    def get_json(path):
        return json.loads(get(path).decode('utf-8'))

    # listing
    def listing():
        files = {f['path'] for f in ex.get_json('/artifacts')['files']}
        missing = [p for p in EXPECTED_ARTIFACTS if p not in files]
        return 'missing from GET /artifacts: %s' % missing if missing else None
    checks.run('artifacts_listed', listing)

    # charts: PNG pixel size, SVG text as paths
    def chart_manifest():
        manifest = get_json('charts/chart_manifest.json')
        bad = ['%s: %s' % (n, manifest.get(n, {}).get('figsize')) for n, fs in CHART_FIGSIZES.items()
               if manifest.get(n, {}).get('figsize') != [float(fs[0]), float(fs[1])]
               or manifest.get(n, {}).get('dpi') != CHART_DPI]
        return 'manifest figsize/dpi differ: %s' % bad if bad else None
    checks.run('chart_manifest', chart_manifest)

    def png_check(path, size=None):
        def fn():
            from PIL import Image
            img = Image.open(io.BytesIO(get(path)))
            if img.format != 'PNG':
                return 'format %s' % img.format
            img.load()
            if size and img.size != size:
                return 'size %s, expected %s' % (img.size, size)
            return None
        return fn

    def svg_check(path):
        def fn():
            root = ET.fromstring(get(path))
            if not root.tag.endswith('svg'):
                return 'root element %s' % root.tag
            texts = [e for e in root.iter() if e.tag.rsplit('}', 1)[-1] == 'text']
            paths = [e for e in root.iter() if e.tag.rsplit('}', 1)[-1] == 'path']
            if texts:
                return '%d <text> elements (svg.fonttype is not path)' % len(texts)
            return None if paths else 'no <path> elements'
        return fn

    for name, (w, h) in CHART_FIGSIZES.items():
        checks.run('png_%s' % name, png_check('charts/%s.png' % name, (w * CHART_DPI, h * CHART_DPI)))
        checks.run('svg_%s' % name, svg_check('charts/%s.svg' % name))
    checks.run('png_korean_filename', png_check('charts/연령대별_매출_분포.png'))

    def scatter_labels():
        data = get_json('cache/scatter_label_boxes.json')
        boxes = data['boxes_after']
        if len(boxes) < 20:
            return 'only %d labels' % len(boxes)
        before = sum(1 for a, b in itertools.combinations(data['boxes_before'], 2) if boxes_overlap(a, b))
        if before == 0:
            return 'labels did not overlap before adjust_text: the check proves nothing'
        pairs = [(data['labels'][i], data['labels'][j]) for (i, a), (j, b)
                 in itertools.combinations(enumerate(boxes), 2) if boxes_overlap(a, b)]
        if pairs:
            return '%d overlapping label pairs after adjust_text (%d before): %s' % (len(pairs), before, pairs[:5])
        cw, ch = data['canvas_size']
        outside = [data['labels'][i] for i, b in enumerate(boxes)
                   if b[0] < -0.5 or b[1] < -0.5 or b[2] > cw + 0.5 or b[3] > ch + 0.5]
        return 'labels outside the figure: %s' % outside if outside else None
    checks.run('scatter_labels_no_overlap', scatter_labels)

    # calculations and citations
    def calculations():
        calcs = {c['id']: c for c in get_json('calculation_metadata.json')['calculations']}
        missing = [c for c in EXPECTED_CALCULATIONS if c not in calcs]
        if missing:
            return 'missing calculations %s' % missing
        wrong = ['%s=%r (expected %r)' % (k, calcs[k]['value'], v) for k, v in expected.items()
                 if calcs[k]['value'] != v]
        incomplete = [k for k, c in calcs.items() if not c.get('formula') or not c.get('source_columns')]
        if wrong:
            return 'values differ from the CSV: %s' % wrong
        return 'no formula/source_columns: %s' % incomplete if incomplete else None
    checks.run('calculation_metadata', calculations)

    def citations():
        data = get_json('citations.json')['citations']
        if len(data) < len(EXPECTED_CALCULATIONS):
            return '%d citations, expected %d' % (len(data), len(EXPECTED_CALCULATIONS))
        bad = [c['id'] for c in data if c.get('match') is not True]
        lacking = [c.get('id') for c in data if not all(k in c for k in ('id', 'value', 'recomputed_value', 'match', 'source'))]
        if bad:
            return 'citations not matching: %s' % bad
        return 'citations lacking fields: %s' % lacking if lacking else None
    checks.run('citations_all_match', citations)

    # DOCX
    korean_docx = [REPORT_TITLE, '카테고리별 매출 현황', '참고 문헌 및 계산 근거', expected['top_category']]

    def docx_check(path, want_svg):
        def fn():
            import docx
            raw = get(path)
            document = docx.Document(io.BytesIO(raw))
            text = '\n'.join(p.text for p in document.paragraphs)
            table_text = '\n'.join(c.text for t in document.tables for r in t.rows for c in r.cells)
            missing = [s for s in korean_docx if s not in text and s not in table_text]
            if missing:
                return 'text lacks %s' % missing
            if not document.tables or len(document.tables[0].rows) != n_categories + 1:
                return 'category table has %s rows, expected %d' % (
                    len(document.tables[0].rows) if document.tables else 0, n_categories + 1)
            if expected['top_category'] not in [r.cells[0].text for r in document.tables[0].rows]:
                return 'top category not in the table'
            z = zipfile.ZipFile(io.BytesIO(raw))
            names = z.namelist()
            pngs = [n for n in names if n.startswith('word/media/') and n.endswith('.png')]
            svgs = [n for n in names if n.startswith('word/media/') and n.endswith('.svg')]
            if len(pngs) < len(CHART_FIGSIZES):
                return '%d PNG parts' % len(pngs)
            doc_xml = z.read('word/document.xml').decode('utf-8')
            if 'w:eastAsia="NanumGothic"' not in doc_xml:
                return 'no run with w:eastAsia="NanumGothic"'
            if not want_svg:
                return None
            if len(svgs) != len(CHART_FIGSIZES):
                return '%d SVG parts, expected %d' % (len(svgs), len(CHART_FIGSIZES))
            for s in svgs:
                ET.fromstring(z.read(s))
            ctypes = z.read('[Content_Types].xml').decode('utf-8')
            if not re.search(r'Extension="svg"\s+ContentType="image/svg\+xml"', ctypes) and \
                    'ContentType="image/svg+xml"' not in ctypes:
                return 'no image/svg+xml content type'
            rels = ET.fromstring(z.read('word/_rels/document.xml.rels'))
            rel_by_id = {r.get('Id'): r for r in rels}
            root = ET.fromstring(z.read('word/document.xml'))
            blips = [e for e in root.iter('{http://schemas.openxmlformats.org/drawingml/2006/main}ext')
                     if e.get('uri') == SVG_BLIP_URI]
            svg_blips = [b for e in blips for b in e.iter('{%s}svgBlip' % NS_ASVG)]
            if len(svg_blips) != len(CHART_FIGSIZES):
                return '%d svgBlip extensions, expected %d' % (len(svg_blips), len(CHART_FIGSIZES))
            for b in svg_blips:
                rel = rel_by_id.get(b.get('{%s}embed' % NS_R))
                if rel is None or rel.get('Type') != IMAGE_REL or not rel.get('Target', '').endswith('.svg') \
                        or 'word/' + rel.get('Target') not in names:
                    return 'svgBlip %s does not resolve to an SVG image part' % b.get('{%s}embed' % NS_R)
            return None
        return fn
    checks.run('docx_draft', docx_check('report_draft.docx', want_svg=False))
    checks.run('docx_final_svg', docx_check('final_report.docx', want_svg=True))

    # PDF
    def pdf_check():
        with tempfile.TemporaryDirectory() as tmp:
            pdf = os.path.join(tmp, 'report.pdf')
            with open(pdf, 'wb') as f:
                f.write(get('report.pdf'))
            text = subprocess.run(['pdftotext', '-enc', 'UTF-8', pdf, '-'], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, check=True).stdout.decode('utf-8', 'replace')
            fonts = subprocess.run(['pdffonts', pdf], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   check=True).stdout.decode('utf-8', 'replace')
        missing = [s for s in (REPORT_TITLE, '카테고리별 매출 현황', expected['top_category'], '핵심 요약')
                   if s not in text]
        if missing:
            return 'pdftotext lacks %s' % missing
        embedded_nanum = False
        for line in fonts.splitlines()[2:]:
            cols = line.split()
            # name type [encoding...] emb sub uni object ID: emb is the 5th column from the end
            if len(cols) >= 6 and 'nanum' in cols[0].lower() and cols[-5] == 'yes':
                embedded_nanum = True
        return None if embedded_nanum else 'pdffonts lists no embedded Nanum font:\n' + fonts
    checks.run('pdf_korean_text_and_font', pdf_check)

    def plotly_check():
        raw = get('charts/sales_plotly.html')
        text = raw.decode('utf-8', 'replace')
        if len(raw) < 1_000_000:
            return 'only %d bytes: plotly.js not embedded' % len(raw)
        if 'plotly' not in text.lower() or 'Plotly.newPlot' not in text:
            return 'no plotly figure'
        if re.search(r'<script[^>]+src="https?://', text):
            return 'loads a script from the network'
        title = '상위 5개 카테고리 일별 매출 추이'
        escaped = json.dumps(title)[1:-1]  # plotly writes the figure JSON with non-ASCII escaped
        return None if title in text or escaped in text or escaped.lower() in text else 'Korean title missing'
    checks.run('plotly_html_offline', plotly_check)

    def mlxtend_check():
        reader = csv.DictReader(io.StringIO(get('analysis/association_rules.csv').decode('utf-8-sig')))
        missing = [c for c in MLXTEND_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return 'columns missing %s (has %s)' % (missing, reader.fieldnames)
        rules = list(reader)
        if not rules:
            return 'no rules'
        low = [r for r in rules if float(r['lift']) < 1.0 - 1e-9]
        return '%d rules with lift < 1' % len(low) if low else None
    checks.run('mlxtend_rules_csv', mlxtend_check)

    def segments_check():
        reader = list(csv.DictReader(io.StringIO(get('product_segments.csv').decode('utf-8-sig'))))
        if len(reader) != n_products:
            return '%d rows, expected %d products' % (len(reader), n_products)
        segs = {r['세그먼트명'] for r in reader}
        return None if len(segs) == 4 else 'segments %s' % segs
    checks.run('sklearn_segments_csv', segments_check)
    return checks.results


# --------------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--url', required=True, help='executor base URL, e.g. http://127.0.0.1:8080')
    ap.add_argument('--report', help='write a JSON report here')
    ap.add_argument('--session-id', help='session_id to send (default: the one /health reports)')
    ap.add_argument('--cold-baseline', metavar='WORKDIR', help='also time each script with a cold python3 FILE')
    ap.add_argument('--cold-python', default='/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable)
    ap.add_argument('--data', default=DEFAULT_DATA, help='the moon-market CSV (default %(default)s)')
    ap.add_argument('--keep', metavar='DIR', help='keep the downloaded artifacts in DIR')
    args = ap.parse_args()

    if not os.path.exists(args.data):
        raise SystemExit('data file not found: %s (use --data or AGENT_WORKLOAD_DATA)' % args.data)
    ex = Executor(args.url, args.session_id)
    started = datetime.now().isoformat()
    if not ex.session_id:
        try:
            ex.session_id = ex.get_json('/health').get('session_id')
        except Exception as e:  # noqa: BLE001
            raise SystemExit('executor not reachable at %s: %s: %s' % (args.url, type(e).__name__, e))

    steps = []
    print('%-26s %-18s %11s %9s %9s %11s' % ('step', 'status', 'executor_ms', 'wall_ms', 'cold_ms', 'wall/cold'), flush=True)

    def show(step):
        step['passed'] = step['ok']
        steps.append(step)
        cold = '' if step['cold_ms'] is None else '%9.0f' % step['cold_ms']
        ratio = '' if not (step['cold_ms'] and step['wall_ms']) else '%10.2fx' % (step['wall_ms'] / step['cold_ms'])
        status = step['status']
        if step['ok'] and step['step'].startswith('missing_package'):
            status = '%s(expected)' % status
        print('%-26s %-18s %11s %9s %9s %11s' % (step['step'], status, step['executor_ms'],
                                                  '%.0f' % step['wall_ms'] if step['wall_ms'] is not None else '-',
                                                  cold, ratio),
              flush=True)
        if not step['ok']:
            print('    problem: %s' % step['problem'], flush=True)

    cold = None
    if args.cold_baseline:
        cold = ColdBaseline(os.path.abspath(args.cold_baseline), args.cold_python, args.data)
    def guarded(name, fn, *fn_args):
        try:
            return fn(*fn_args)
        except Exception as e:  # noqa: BLE001 - a step that crashes the driver is a failed step
            step = new_step(name)
            step['status'] = 'driver_error'
            step['problem'] = '%s: %s' % (type(e).__name__, e)
            return step

    show(guarded('upload_data', step_upload_data, ex, args.data))
    for name, run in STEPS:
        show(guarded(name, step_script, ex, name, run, cold))
    show(guarded('missing_package_python', step_missing_python, ex))
    show(guarded('missing_package_bash', step_missing_bash, ex))

    checks = run_checks(ex, args.data, args.keep)

    if cold is not None:
        cold_bad = ['%s %s' % (s['step'], s['cold_status']) for s in steps
                    if s['cold_status'] not in (None, 'completed')]
        checks.append({'check': 'cold_baseline_ran', 'passed': not cold_bad, 'ok': not cold_bad,
                       'reason': '; '.join(cold_bad)})
        print('PASS cold_baseline_ran' if not cold_bad else 'FAIL cold_baseline_ran: %s' % '; '.join(cold_bad))
        for s in steps:
            if s.get('cold_stderr_tail'):
                print('    cold %s stderr: %s' % (s['step'], s['cold_stderr_tail'][-400:]))

    def total(key, subset):
        vals = [s[key] for s in subset if s[key] is not None]
        return round(sum(vals), 1) if vals else None
    timed = [s for s in steps if s['cold_ms'] is not None]
    passed = all(s['ok'] for s in steps) and all(c['ok'] for c in checks)
    summary = {
        'steps_passed': sum(s['ok'] for s in steps), 'steps': len(steps),
        'checks_passed': sum(c['ok'] for c in checks), 'checks': len(checks),
        'executor_ms_total': total('executor_ms', steps), 'wall_ms_total': total('wall_ms', steps),
        'cold_ms_total': total('cold_ms', timed),
        'executor_ms_cold_steps': total('executor_ms', timed) if timed else None,
        'wall_ms_cold_steps': total('wall_ms', timed) if timed else None,
    }
    print('\n%s: %d/%d steps, %d/%d checks; executor %s ms, wall %s ms%s' % (
        'PASSED' if passed else 'FAILED', summary['steps_passed'], summary['steps'], summary['checks_passed'],
        summary['checks'], summary['executor_ms_total'], summary['wall_ms_total'],
        '' if not timed else '; same steps: executor %s ms, wall %s ms, cold %s ms (wall/cold %.2fx)' % (
            summary['executor_ms_cold_steps'], summary['wall_ms_cold_steps'], summary['cold_ms_total'],
            summary['wall_ms_cold_steps'] / summary['cold_ms_total'])))
    if args.report:
        with open(args.report, 'w', encoding='utf-8') as f:
            json.dump({'url': args.url, 'session_id': ex.session_id, 'started_at': started,
                       'finished_at': datetime.now().isoformat(), 'passed': passed, 'summary': summary,
                       'steps': steps, 'checks': checks}, f, ensure_ascii=False, indent=2)
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main())
