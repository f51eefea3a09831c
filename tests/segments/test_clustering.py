import numpy as np
import pytest
from sklearn.datasets import make_blobs

from segments.clustering import suggest_clusters


def _same_partition(labels, truth):
    """Each found cluster is exactly one true group (the numbering may differ)."""
    pairs = set(zip(labels, truth, strict=True))
    return len(pairs) == len(set(labels)) == len(set(truth))


def test_three_known_groups_are_recovered():
    data, truth = make_blobs(
        n_samples=90, centers=[[1, 1, 5], [5, 1, 1], [3, 5, 3]], cluster_std=0.4, random_state=7
    )
    suggestion = suggest_clusters(data, k_range=range(2, 7), seed=0)
    assert suggestion.k == 3
    assert _same_partition(suggestion.labels, truth.tolist())
    assert suggestion.silhouette > 0.6
    assert sorted(p.size for p in suggestion.profiles) == [30, 30, 30]
    assert set(suggestion.silhouettes) == {2, 3, 4, 5, 6}
    assert max(suggestion.silhouettes, key=suggestion.silhouettes.get) == 3


def test_profiles_describe_each_group_by_its_average_answers():
    data, _truth = make_blobs(
        n_samples=60, centers=[[1, 5], [5, 1]], cluster_std=0.3, random_state=1
    )
    suggestion = suggest_clusters(data, seed=0)
    assert suggestion.k == 2
    means = sorted(tuple(round(v) for v in p.means) for p in suggestion.profiles)
    assert means == [(1, 5), (5, 1)]


def test_labels_are_numbered_in_order_of_first_appearance_and_the_seed_repeats():
    data, _truth = make_blobs(n_samples=45, centers=3, cluster_std=0.5, random_state=3)
    first = suggest_clusters(data, seed=0)
    again = suggest_clusters(data, seed=0)
    assert first.labels == again.labels
    assert first.labels[0] == 0
    assert first.labels.index(1) < first.labels.index(2)


def test_too_few_respondents_is_an_error():
    with pytest.raises(ValueError):
        suggest_clusters(np.array([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]]))


def test_missing_answers_are_an_error():
    with pytest.raises(ValueError):
        suggest_clusters(np.array([[1.0, np.nan], [2.0, 3.0], [4.0, 5.0], [5.0, 5.0]]))


def test_a_flat_list_is_an_error():
    with pytest.raises(ValueError):
        suggest_clusters(np.array([1.0, 2.0, 3.0]))
