"""Frequent itemsets and association rules, with mlxtend 0.23's functions and output columns.

Each item (a one-hot column) is held as a Python-int bitset of the rows that contain it, so
an itemset's support is the population count of its items' AND: compact for dense and sparse
input alike, and exact (counts, not floating-point sums). ``apriori`` mines level by level
with candidate pruning; ``fpgrowth`` grows patterns depth first without candidate generation,
items taken in descending support as FP-growth does. Both return the same itemsets.
"""

import sys
import warnings
from itertools import combinations

import numpy as np
import pandas as pd

__all__ = ["apriori", "fpgrowth", "association_rules"]

METRICS = ["antecedent support", "consequent support", "support", "confidence", "lift",
           "representativity", "leverage", "conviction", "zhangs_metric", "jaccard",
           "certainty", "kulczynski"]


def _column_values(column):
    if isinstance(column.dtype, pd.SparseDtype):
        column = column.sparse.to_dense()
    return column.to_numpy()


def _item_bitsets(df, min_support):
    """Checks the one-hot table as mlxtend does and returns (bitset per column, row count)."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"Expected a pandas DataFrame, got {type(df).__name__}")
    if not 0 < min_support <= 1:
        raise ValueError(f"`min_support` must be a positive number within the interval `(0, 1]`. "
                         f"Got {min_support}.")
    bitsets = []
    for name in df.columns:
        values = _column_values(df[name])
        if values.dtype != bool:
            numeric = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
            bad = ~np.isin(numeric, (0.0, 1.0))
            if bad.any():
                raise ValueError("The allowed values for a DataFrame are True, False, 0, 1. "
                                 f"Found value {values[np.flatnonzero(bad)[0]]!r} in column {name!r}.")
            values = numeric == 1.0
        packed = np.packbits(values.astype(bool), bitorder="little")
        bitsets.append(int.from_bytes(packed.tobytes(), "little"))
    return bitsets, len(df)


def _frame(found, rows, columns, use_colnames):
    """found: (row count, tuple of column indices) pairs -> mlxtend's support/itemsets table."""
    if use_colnames:
        itemsets = [frozenset(columns[i] for i in items) for _, items in found]
    else:
        itemsets = [frozenset(items) for _, items in found]
    support = [count / rows for count, _ in found]
    return pd.DataFrame({"support": pd.Series(support, dtype=float), "itemsets": pd.Series(itemsets, dtype=object)})


def apriori(df, min_support=0.5, use_colnames=False, max_len=None, verbose=0, low_memory=False):
    """Frequent itemsets of a one-hot DataFrame (bool or 0/1 columns, dense or sparse).

    Returns columns ``support`` and ``itemsets`` (frozensets of column indices, or of column
    names with ``use_colnames=True``), ordered by itemset length. ``low_memory`` is accepted
    for compatibility: the bitset representation is already the low-memory one.
    """
    bitsets, rows = _item_bitsets(df, min_support)
    found = []
    level = {}
    for index, bits in enumerate(bitsets):
        count = bits.bit_count()
        if rows and count / rows >= min_support:
            level[(index,)] = bits
            found.append((count, (index,)))
    size = 1
    while level and (max_len is None or size < max_len):
        size += 1
        keys = sorted(level)
        if verbose:
            print(f"Processing candidates of {len(keys)} frequent itemsets | Sampling itemset size {size}")
        next_level = {}
        for position, first in enumerate(keys):
            for second in keys[position + 1:]:
                if first[:-1] != second[:-1]:
                    break  # sorted keys keep each shared prefix together
                candidate = first + second[-1:]
                if any(subset not in level for subset in combinations(candidate, size - 1)):
                    continue  # a subset is infrequent, so the candidate is too
                bits = level[first] & bitsets[second[-1]]
                count = bits.bit_count()
                if count / rows >= min_support:
                    next_level[candidate] = bits
                    found.append((count, candidate))
        level = next_level
    return _frame(found, rows, list(df.columns), use_colnames)


def fpgrowth(df, min_support=0.5, use_colnames=False, max_len=None, verbose=0, null_values=False):
    """Frequent itemsets by depth-first pattern growth; the same itemsets and supports as apriori.

    ``null_values`` (mlxtend's handling of NaN as "unknown") is not implemented: NaN is
    rejected as by ``apriori``, with a warning if ``null_values=True`` was asked for.
    """
    if null_values:
        warnings.warn("mlxtend stand-in: fpgrowth(null_values=True) is not implemented; "
                      "the table must hold only True/False/0/1", stacklevel=2)
    bitsets, rows = _item_bitsets(df, min_support)
    frequent = [(bits.bit_count(), index, bits) for index, bits in enumerate(bitsets)]
    frequent = [(index, bits) for count, index, bits in sorted(frequent, key=lambda f: (-f[0], f[1]))
                if rows and count / rows >= min_support]
    found = []

    def grow(prefix, candidates):
        for position, (item, bits) in enumerate(candidates):
            itemset = prefix + (item,)
            found.append((bits.bit_count(), itemset))
            if max_len is not None and len(itemset) >= max_len:
                continue
            conditional = [(other, joined) for other, other_bits in candidates[position + 1:]
                           if (joined := bits & other_bits).bit_count() / rows >= min_support]
            if verbose and conditional:
                print(f"{len(conditional)} itemset(s) from the tree conditioned on items {itemset}")
            if conditional:
                grow(itemset, conditional)

    grow((), frequent)
    return _frame(found, rows, list(df.columns), use_colnames)


def _rule_metrics(sA, sC, sAC):
    """mlxtend's documented formulas; the 0/0 cases resolve as mlxtend documents them
    (conviction inf when confidence is 1, zhangs_metric and certainty 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        confidence = sAC / sA
        leverage = sAC - sA * sC
        conviction = np.full_like(confidence, np.inf)
        below = confidence < 1.0
        conviction[below] = (1.0 - sC[below]) / (1.0 - confidence[below])
        zhang_denominator = np.maximum(sAC * (1.0 - sA), sA * (sC - sAC))
        certainty_denominator = 1.0 - sC
        return {
            "antecedent support": sA,
            "consequent support": sC,
            "support": sAC,
            "confidence": confidence,
            "lift": confidence / sC,
            # Share of transactions without missing values for the rule: 1 with complete data.
            "representativity": np.ones_like(sAC),
            "leverage": leverage,
            "conviction": conviction,
            "zhangs_metric": np.where(zhang_denominator == 0, 0.0, leverage / zhang_denominator),
            "jaccard": sAC / (sA + sC - sAC),
            "certainty": np.where(certainty_denominator == 0, 0.0, (confidence - sC) / certainty_denominator),
            "kulczynski": (sAC / sA + sAC / sC) / 2.0,
        }


def association_rules(df, num_itemsets=None, df_orig=None, null_values=False, metric="confidence",
                      min_threshold=0.8, support_only=False, return_metrics=METRICS):
    """Rules A -> C from a frequent-itemsets table (``support``, ``itemsets``), kept where
    ``metric >= min_threshold``.

    Takes mlxtend >= 0.23.2's signature (``num_itemsets`` is only needed there for
    ``null_values``) and the older ``association_rules(df, metric, min_threshold, support_only)``,
    also when passed positionally. ``null_values=True`` (support recomputed from ``df_orig``
    with missing values) is not implemented: a warning is given and the supports in ``df``
    are used. With ``support_only=True`` only ``support`` is computed, the other metrics are NaN.
    """
    if isinstance(num_itemsets, str):  # the pre-0.23.2 positional order
        metric, num_itemsets = num_itemsets, None
        if df_orig is not None:
            min_threshold, df_orig = df_orig, None
        support_only, null_values = bool(null_values), False
    if null_values:
        warnings.warn("mlxtend stand-in: association_rules(null_values=True) is not implemented; "
                      "the supports in `df` are used as they are", stacklevel=2)
    if not {"support", "itemsets"} <= set(df.columns):
        raise ValueError("Dataframe needs to contain the columns 'support' and 'itemsets'")
    if df.empty:
        raise ValueError("The input DataFrame `df` containing the frequent itemsets is empty.")
    if support_only:
        metric = "support"
    elif metric not in METRICS:
        raise ValueError(f"Metric must be one of {METRICS[2:]}, got '{metric}'")
    unknown = [name for name in return_metrics if name not in METRICS]
    if unknown:
        raise ValueError(f"Unknown metric(s) in return_metrics: {unknown}")

    supports = {frozenset(itemset): float(support) for itemset, support in zip(df["itemsets"], df["support"])}
    antecedents, consequents, sA, sC, sAC = [], [], [], [], []
    for itemset, support in supports.items():
        items = list(itemset)
        for size in range(len(items) - 1, 0, -1):
            for chosen in combinations(items, size):
                antecedent = frozenset(chosen)
                consequent = itemset - antecedent
                if support_only:
                    sA.append(np.nan)
                    sC.append(np.nan)
                else:
                    for part in (antecedent, consequent):
                        if part not in supports:
                            raise KeyError(f"The support of {set(part)} is not in `df`: pass every frequent "
                                           "itemset (the whole apriori/fpgrowth output) or support_only=True")
                    sA.append(supports[antecedent])
                    sC.append(supports[consequent])
                antecedents.append(antecedent)
                consequents.append(consequent)
                sAC.append(support)

    sAC = np.asarray(sAC, dtype=float)
    if support_only:
        values = {name: np.full_like(sAC, np.nan) for name in METRICS}
        values["support"] = sAC
    else:
        values = _rule_metrics(np.asarray(sA, dtype=float), np.asarray(sC, dtype=float), sAC)
    keep = values[metric] >= min_threshold
    rules = pd.DataFrame({"antecedents": pd.Series(antecedents, dtype=object)[keep].tolist(),
                          "consequents": pd.Series(consequents, dtype=object)[keep].tolist()},
                         columns=["antecedents", "consequents"])
    for name in return_metrics:
        rules[name] = values[name][keep]
    return rules
