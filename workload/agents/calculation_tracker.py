"""
계산 추적 헬퍼 모듈 (Calculation Tracker)

Coder 에이전트가 분석 중 계산한 수치를 ./artifacts/calculation_metadata.json 에 기록하고,
Validator 에이전트가 같은 파일을 읽어 재계산·검증할 수 있게 합니다.
여러 단계(스크립트)에서 호출되므로 매번 기존 파일을 읽어 병합한 뒤 다시 씁니다.

사용법:
    import sys
    sys.path.insert(0, './artifacts/code')
    from calculation_tracker import track_calculation, save_calculation_metadata
"""
import json
import os
from datetime import datetime

METADATA_PATH = './artifacts/calculation_metadata.json'

_pending = {}


def _to_jsonable(value):
    """numpy / pandas 스칼라를 JSON 직렬화 가능한 파이썬 기본형으로 변환"""
    if hasattr(value, 'item') and callable(value.item):
        try:
            return value.item()
        except (ValueError, TypeError):
            pass
    if hasattr(value, 'isoformat'):
        return value.isoformat()
    return value


def load_calculation_metadata(path=METADATA_PATH):
    """기존 계산 메타데이터 로드 (없으면 빈 구조 반환)"""
    if os.path.exists(path):
        with open(path, 'r', encoding='utf-8') as f:
            return json.load(f)
    return {'calculations': [], 'created_at': datetime.now().isoformat()}


def track_calculation(calc_id, value, description, formula, source_columns,
                      source_file='./data/moon-market-fresh-food-sales.csv',
                      importance='high', step=None):
    """계산 결과 1건 등록 (save_calculation_metadata 호출 시 파일에 병합 저장)"""
    _pending[calc_id] = {
        'id': calc_id,
        'value': _to_jsonable(value),
        'description': description,
        'formula': formula,
        'source_columns': list(source_columns),
        'source_file': source_file,
        'importance': importance,
        'step': step,
        'timestamp': datetime.now().isoformat(),
    }
    print(f"📊 계산 추적: {calc_id} = {_pending[calc_id]['value']} ({description})")
    return value


def save_calculation_metadata(path=METADATA_PATH):
    """등록된 계산들을 기존 메타데이터와 병합해 저장 (같은 id는 최신 값으로 갱신)"""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    metadata = load_calculation_metadata(path)
    by_id = {c['id']: c for c in metadata.get('calculations', [])}
    by_id.update(_pending)
    metadata['calculations'] = list(by_id.values())
    metadata['updated_at'] = datetime.now().isoformat()
    metadata['total_calculations'] = len(metadata['calculations'])
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(metadata, f, ensure_ascii=False, indent=2)
    print(f"💾 계산 메타데이터 저장: {path} (총 {metadata['total_calculations']}건, 이번 단계 {len(_pending)}건)")
    _pending.clear()
    return metadata
