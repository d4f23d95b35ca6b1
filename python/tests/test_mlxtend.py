"""The mlxtend stand-in against supports and rule metrics counted by hand."""

import unittest
from fractions import Fraction as F

from _fallbacks import load

mlxtend = load("mlxtend")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mlxtend.frequent_patterns import apriori, association_rules, fpgrowth  # noqa: E402
from mlxtend.preprocessing import TransactionEncoder  # noqa: E402

BASKETS = [
    ["bread", "milk"],                      # T1
    ["bread", "diaper", "beer", "eggs"],    # T2
    ["milk", "diaper", "beer", "cola"],     # T3
    ["bread", "milk", "diaper", "beer"],    # T4
    ["bread", "milk", "diaper", "cola"],    # T5
    ["milk", "cola"],                       # T6
]
# Counts over the 6 transactions:
#   bread T1 T2 T4 T5 = 4, milk T1 T3 T4 T5 T6 = 5, diaper T2 T3 T4 T5 = 4, beer T2 T3 T4 = 3,
#   cola T3 T5 T6 = 3, eggs T2 = 1
#   bread+milk T1 T4 T5 = 3, bread+diaper T2 T4 T5 = 3, milk+diaper T3 T4 T5 = 3,
#   milk+cola T3 T5 T6 = 3, diaper+beer T2 T3 T4 = 3; every other pair at most 2.
#   Triples with 2: bread+milk+diaper (T4 T5), bread+diaper+beer (T2 T4), milk+diaper+beer (T3 T4),
#   milk+diaper+cola (T3 T5); no itemset of four occurs twice.
FREQUENT_AT_HALF = {
    frozenset({"bread"}): F(4, 6), frozenset({"milk"}): F(5, 6), frozenset({"diaper"}): F(4, 6),
    frozenset({"beer"}): F(3, 6), frozenset({"cola"}): F(3, 6),
    frozenset({"bread", "milk"}): F(3, 6), frozenset({"bread", "diaper"}): F(3, 6),
    frozenset({"milk", "diaper"}): F(3, 6), frozenset({"milk", "cola"}): F(3, 6),
    frozenset({"diaper", "beer"}): F(3, 6),
}
TRIPLES_AT_A_THIRD = {frozenset({"bread", "milk", "diaper"}), frozenset({"bread", "diaper", "beer"}),
                      frozenset({"milk", "diaper", "beer"}), frozenset({"milk", "diaper", "cola"})}


def one_hot():
    encoder = TransactionEncoder()
    return pd.DataFrame(encoder.fit_transform(BASKETS), columns=encoder.columns_)


def as_dict(frequent):
    return {itemset: support for itemset, support in zip(frequent["itemsets"], frequent["support"])}


class FrequentItemsetsTest(unittest.TestCase):
    def assert_supports(self, frequent, expected):
        found = as_dict(frequent)
        self.assertEqual(set(found), set(expected))
        for itemset, support in expected.items():
            self.assertAlmostEqual(found[itemset], float(support), places=12, msg=str(set(itemset)))

    def test_apriori_and_fpgrowth_find_the_hand_counted_itemsets(self):
        for mine in (apriori, fpgrowth):
            with self.subTest(mine.__name__):
                frequent = mine(one_hot(), min_support=0.5, use_colnames=True)
                self.assertEqual(list(frequent.columns), ["support", "itemsets"])
                self.assertTrue(all(isinstance(s, frozenset) for s in frequent["itemsets"]))
                self.assert_supports(frequent, FREQUENT_AT_HALF)

    def test_column_indices_without_use_colnames(self):
        frame = one_hot()
        index = {name: position for position, name in enumerate(frame.columns)}
        expected = {frozenset(index[item] for item in s): v for s, v in FREQUENT_AT_HALF.items()}
        for mine in (apriori, fpgrowth):
            with self.subTest(mine.__name__):
                self.assert_supports(mine(frame, min_support=0.5), expected)

    def test_max_len(self):
        for mine in (apriori, fpgrowth):
            with self.subTest(mine.__name__):
                longest = mine(one_hot(), min_support=0.3, use_colnames=True)
                triples = {s for s in longest["itemsets"] if len(s) == 3}
                self.assertEqual(triples, TRIPLES_AT_A_THIRD)
                self.assertAlmostEqual(as_dict(longest)[frozenset({"bread", "milk", "diaper"})], 2 / 6)
                self.assertEqual(max(map(len, longest["itemsets"])), 3)
                capped = mine(one_hot(), min_support=0.3, use_colnames=True, max_len=2)
                self.assertEqual(max(map(len, capped["itemsets"])), 2)
                self.assertEqual(set(capped["itemsets"]), {s for s in longest["itemsets"] if len(s) <= 2})

    def test_zero_one_and_sparse_input_give_the_same_itemsets(self):
        encoder = TransactionEncoder().fit(BASKETS)
        integers = one_hot().astype(int)
        sparse = pd.DataFrame.sparse.from_spmatrix(encoder.transform(BASKETS, sparse=True),
                                                   columns=encoder.columns_)
        self.assertTrue(all(isinstance(dtype, pd.SparseDtype) for dtype in sparse.dtypes))
        for frame in (integers, sparse):
            for mine in (apriori, fpgrowth):
                with self.subTest(mine.__name__, sparse=frame is sparse):
                    self.assert_supports(mine(frame, min_support=0.5, use_colnames=True), FREQUENT_AT_HALF)

    def test_rejects_values_other_than_zero_and_one(self):
        frame = one_hot().astype(int)
        frame.iloc[0, 0] = 2
        with self.assertRaises(ValueError):
            apriori(frame)
        with self.assertRaises(ValueError):
            apriori(one_hot(), min_support=0)


class TransactionEncoderTest(unittest.TestCase):
    def test_round_trip(self):
        encoder = TransactionEncoder()
        array = encoder.fit_transform(BASKETS)
        self.assertEqual(encoder.columns_, ["beer", "bread", "cola", "diaper", "eggs", "milk"])
        self.assertEqual(array.dtype, bool)
        self.assertEqual(array.shape, (6, 6))
        self.assertEqual(array[:, encoder.columns_mapping_["milk"]].sum(), 5)
        self.assertEqual([set(t) for t in encoder.inverse_transform(array)], [set(t) for t in BASKETS])
        sparse = encoder.transform(BASKETS, sparse=True)
        np.testing.assert_array_equal(sparse.toarray(), array)
        self.assertEqual([set(t) for t in encoder.inverse_transform(sparse)], [set(t) for t in BASKETS])

    def test_unseen_items_are_left_out(self):
        encoder = TransactionEncoder().fit([["a", "b"]])
        np.testing.assert_array_equal(encoder.transform([["a", "z"]]), [[True, False]])


class AssociationRulesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.frequent = apriori(one_hot(), min_support=0.5, use_colnames=True)

    def rules_by_pair(self, rules):
        return {(tuple(sorted(a)), tuple(sorted(c))): row
                for a, c, row in zip(rules["antecedents"], rules["consequents"], rules.to_dict("records"))}

    def test_columns(self):
        rules = association_rules(self.frequent, num_itemsets=6, metric="confidence", min_threshold=0.7)
        self.assertEqual(list(rules.columns), [
            "antecedents", "consequents", "antecedent support", "consequent support", "support",
            "confidence", "lift", "representativity", "leverage", "conviction", "zhangs_metric",
            "jaccard", "certainty", "kulczynski"])

    def test_confidence_threshold_and_metrics(self):
        rules = self.rules_by_pair(
            association_rules(self.frequent, num_itemsets=6, metric="confidence", min_threshold=0.7))
        # confidence = support(A+C) / support(A): bread->milk (3/6)/(4/6) = 3/4, milk->bread 3/5,
        # milk->diaper 3/5, milk->cola 3/5 fall below 0.7; cola->milk and beer->diaper are 1.
        self.assertEqual(set(rules), {
            (("bread",), ("milk",)), (("bread",), ("diaper",)), (("diaper",), ("bread",)),
            (("diaper",), ("milk",)), (("cola",), ("milk",)), (("diaper",), ("beer",)),
            (("beer",), ("diaper",))})
        expected = {
            # rule: (antecedent support, consequent support, support, confidence, lift, leverage, conviction)
            # lift = confidence / support(C); leverage = support(A+C) - support(A) support(C);
            # conviction = (1 - support(C)) / (1 - confidence).
            (("bread",), ("milk",)): (F(4, 6), F(5, 6), F(3, 6), F(3, 4), F(9, 10), F(-1, 18), F(2, 3)),
            (("bread",), ("diaper",)): (F(4, 6), F(4, 6), F(3, 6), F(3, 4), F(9, 8), F(1, 18), F(4, 3)),
            (("diaper",), ("milk",)): (F(4, 6), F(5, 6), F(3, 6), F(3, 4), F(9, 10), F(-1, 18), F(2, 3)),
            (("diaper",), ("beer",)): (F(4, 6), F(3, 6), F(3, 6), F(3, 4), F(3, 2), F(1, 6), F(2)),
            (("cola",), ("milk",)): (F(3, 6), F(5, 6), F(3, 6), F(1), F(6, 5), F(1, 12), None),
            (("beer",), ("diaper",)): (F(3, 6), F(4, 6), F(3, 6), F(1), F(3, 2), F(1, 6), None),
        }
        names = ["antecedent support", "consequent support", "support", "confidence", "lift",
                 "leverage", "conviction"]
        for rule, values in expected.items():
            for name, value in zip(names, values):
                with self.subTest(rule=rule, metric=name):
                    if value is None:  # confidence 1: conviction is infinite
                        self.assertEqual(rules[rule][name], float("inf"))
                    else:
                        self.assertAlmostEqual(rules[rule][name], float(value), places=12)

    def test_the_other_metrics_of_one_rule(self):
        rules = self.rules_by_pair(association_rules(self.frequent, metric="confidence", min_threshold=0.7))
        beer_diaper = rules[(("beer",), ("diaper",))]
        # sA = 1/2, sC = 2/3, sAC = 1/2: jaccard = sAC / (sA + sC - sAC) = 3/4;
        # certainty = (conf - sC) / (1 - sC) = (1 - 2/3) / (1/3) = 1;
        # kulczynski = (sAC/sA + sAC/sC) / 2 = (1 + 3/4) / 2 = 7/8;
        # zhang = leverage / max(sAC (1 - sA), sA (sC - sAC)) = (1/6) / max(1/4, 1/12) = 2/3.
        self.assertAlmostEqual(beer_diaper["jaccard"], 3 / 4)
        self.assertAlmostEqual(beer_diaper["certainty"], 1.0)
        self.assertAlmostEqual(beer_diaper["kulczynski"], 7 / 8)
        self.assertAlmostEqual(beer_diaper["zhangs_metric"], 2 / 3)
        self.assertEqual(beer_diaper["representativity"], 1.0)

    def test_lift_threshold_old_and_new_signatures(self):
        # lift 9/8 for bread<->diaper, 6/5 for milk<->cola, 3/2 for diaper<->beer; 9/10 otherwise.
        wanted = {(("bread",), ("diaper",)), (("diaper",), ("bread",)), (("milk",), ("cola",)),
                  (("cola",), ("milk",)), (("diaper",), ("beer",)), (("beer",), ("diaper",))}
        for rules in (association_rules(self.frequent, metric="lift", min_threshold=1.1),
                      association_rules(self.frequent, 6, metric="lift", min_threshold=1.1),
                      association_rules(self.frequent, "lift", 1.1)):
            self.assertEqual(set(self.rules_by_pair(rules)), wanted)

    def test_support_only_and_errors(self):
        partial = self.frequent[self.frequent["itemsets"].map(len) == 2]
        with self.assertRaises(KeyError):
            association_rules(partial, metric="confidence", min_threshold=0.1)
        rules = association_rules(partial, support_only=True, min_threshold=0.1)
        self.assertEqual(len(rules), 10)
        self.assertTrue(rules["confidence"].isna().all())
        self.assertTrue(np.allclose(rules["support"], 0.5))
        with self.assertRaises(ValueError):
            association_rules(self.frequent.iloc[:0])


class ModuleTest(unittest.TestCase):
    def test_marked_as_the_stand_in(self):
        self.assertTrue(mlxtend.__deepinsight_fallback__)
        self.assertIsInstance(mlxtend.__version__, str)


if __name__ == "__main__":
    unittest.main()
