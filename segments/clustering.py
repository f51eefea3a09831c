"""Segment suggestions from data: cluster respondents on their answers. No Django.

Rows are respondents, columns are features (e.g. Kano functional/dysfunctional answers or
importance ratings, all on the same scale). k-means is run for each k in `k_range`, and the k
with the highest mean silhouette wins (ties go to the smaller k: fewer segments are easier to
act on). The silhouette (Rousseeuw 1987) runs from -1 to 1; above about 0.5 the groups are
clearly apart, below about 0.25 the data hardly cluster at all. A suggestion is a starting
point for the team, who name and define the segments themselves.
"""

from collections.abc import Iterable

from pydantic import BaseModel


class ClusterProfile(BaseModel):
    cluster: int
    size: int
    means: list[float]  # the average answer per feature: what sets the group apart


class ClusterSuggestion(BaseModel):
    k: int
    labels: list[int]  # one per respondent; clusters numbered in order of first appearance
    silhouette: float
    profiles: list[ClusterProfile]
    silhouettes: dict[int, float]  # every k tried and its silhouette


def suggest_clusters(matrix, k_range: Iterable[int] = range(2, 7), seed: int = 0):
    """The best k-means clustering of `matrix` (respondents x features) by silhouette.

    Raises ValueError when the data cannot be clustered: not two-dimensional, missing values,
    or too few distinct respondents for any k in the range (silhouette needs 2 <= k < n).
    """
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    data = np.asarray(matrix, dtype=float)
    if data.ndim != 2 or data.shape[1] == 0:
        raise ValueError("Expected a table of respondents (rows) by features (columns).")
    if not np.isfinite(data).all():
        raise ValueError("The answers contain missing or non-numeric values.")
    distinct = len(np.unique(data, axis=0))
    scores: dict[int, float] = {}
    best = None
    for k in sorted(set(k_range)):
        if k < 2 or k >= len(data) or k > distinct:
            continue
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(data)
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(data, labels))
        scores[k] = score
        if best is None or score > best[1] + 1e-12:
            best = (k, score, labels)
    if best is None:
        raise ValueError("Too few different respondents to suggest clusters.")
    k, score, raw = best
    order: dict[int, int] = {}
    for label in raw.tolist():
        order.setdefault(label, len(order))
    labels = [order[label] for label in raw.tolist()]
    profiles = []
    for cluster in range(k):
        members = data[np.array(labels) == cluster]
        profiles.append(
            ClusterProfile(
                cluster=cluster,
                size=len(members),
                means=[round(float(v), 6) for v in members.mean(axis=0)],
            )
        )
    return ClusterSuggestion(
        k=k, labels=labels, silhouette=score, profiles=profiles, silhouettes=scores
    )


# The continuous Kano scores of answers 1..5 (like, expect, neutral, can live with, dislike),
# the same as kano.analysis uses.
FUNCTIONAL_SCORES = (4, 2, 0, -1, -2)
DYSFUNCTIONAL_SCORES = (-2, -1, 0, 2, 4)


def kano_features(answers, factor_ids: list) -> tuple[list, list[list[float]]]:
    """Respondents x features: per factor the functional score, then the dysfunctional score.

    Both answers are kept as separate features: their difference alone cannot tell a
    one-dimensional answer (like it / dislike it: 4 and 4) from an indifferent one (neutral /
    neutral: 0 and 0), which give the same difference 0. Feature 2i is factor i's functional
    score, 2i + 1 its dysfunctional score (``feature_factor``).

    `answers` are (respondent, factor, functional 1..5, dysfunctional 1..5) tuples. Returns the
    respondents in order of first appearance and one row each. A factor a respondent left
    unanswered gets the mean of the others' scores for it (0 when nobody answered it), so it
    does not pull the respondent towards any group.
    """
    column = {factor: position for position, factor in enumerate(factor_ids)}
    width = 2 * len(factor_ids)
    rows: dict = {}
    for respondent, factor, functional, dysfunctional in answers:
        if factor not in column or not (1 <= functional <= 5 and 1 <= dysfunctional <= 5):
            continue
        row = rows.setdefault(respondent, [None] * width)
        row[2 * column[factor]] = float(FUNCTIONAL_SCORES[functional - 1])
        row[2 * column[factor] + 1] = float(DYSFUNCTIONAL_SCORES[dysfunctional - 1])
    means = []
    for position in range(width):
        given = [row[position] for row in rows.values() if row[position] is not None]
        means.append(sum(given) / len(given) if given else 0.0)
    matrix = [
        [means[i] if value is None else value for i, value in enumerate(row)]
        for row in rows.values()
    ]
    return list(rows), matrix


def feature_factor(position: int) -> tuple[int, str]:
    """(factor position, "functional" or "dysfunctional") of a kano_features column."""
    return position // 2, ("functional", "dysfunctional")[position % 2]


def distinctive_factors(profile_means, overall_means, top: int = 3) -> list[tuple[int, float]]:
    """The factors (positions in the factor list) where a cluster's kano_features differ
    most from everyone's, with the larger of the two differences, largest first."""
    best: dict[int, float] = {}
    for position, difference in distinctive_features(
        profile_means, overall_means, top=len(profile_means)
    ):
        factor, _side = feature_factor(position)
        best.setdefault(factor, difference)
    return list(best.items())[:top]


def distinctive_features(profile_means: list[float], overall_means: list[float], top: int = 3):
    """The positions of the features where a cluster differs most from everyone, with the
    difference, largest first (at most `top`; features with no difference are left out)."""
    pairs = zip(profile_means, overall_means, strict=True)
    differences = [(i, c - o) for i, (c, o) in enumerate(pairs)]
    differences = [d for d in differences if abs(d[1]) > 1e-9]
    differences.sort(key=lambda d: (-abs(d[1]), d[0]))
    return differences[:top]
