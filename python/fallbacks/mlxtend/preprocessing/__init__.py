"""TransactionEncoder: lists of items <-> a one-hot boolean table (mlxtend's documented API)."""

import numpy as np

__all__ = ["TransactionEncoder"]


class TransactionEncoder:
    """Encodes transactions (a list of item lists) as a boolean array, one column per item.

    ``fit`` learns the sorted unique items into ``columns_`` (and ``columns_mapping_``, item ->
    column index); ``transform`` returns a NumPy bool array, or a SciPy CSR matrix when
    ``sparse=True``; items not seen by ``fit`` are left out, as mlxtend does.
    """

    def fit(self, X):
        items = {item for transaction in X for item in transaction}
        try:
            self.columns_ = sorted(items)
        except TypeError:  # items of mixed, unorderable types: a stable order all the same
            self.columns_ = sorted(items, key=lambda item: (type(item).__name__, repr(item)))
        self.columns_mapping_ = {item: index for index, item in enumerate(self.columns_)}
        return self

    def transform(self, X, sparse=False):
        rows, cols = [], []
        transactions = list(X)
        for row, transaction in enumerate(transactions):
            for item in set(transaction):
                column = self.columns_mapping_.get(item)
                if column is not None:
                    rows.append(row)
                    cols.append(column)
        shape = (len(transactions), len(self.columns_))
        if sparse:
            from scipy.sparse import csr_matrix
            return csr_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=shape, dtype=bool)
        array = np.zeros(shape, dtype=bool)
        array[rows, cols] = True
        return array

    def fit_transform(self, X, sparse=False):
        return self.fit(X).transform(X, sparse=sparse)

    def inverse_transform(self, array):
        """The item lists back from a one-hot array (dense or SciPy sparse)."""
        if hasattr(array, "toarray"):
            array = array.toarray()
        array = np.asarray(array, dtype=bool)
        return [[self.columns_[column] for column in np.flatnonzero(row)] for row in array]

    def get_feature_names_out(self):
        return np.asarray(self.columns_, dtype=object)
