using ManifestLint.Core.Index;

namespace ManifestLint.Core.Model;

/// <summary>The pod template a selector that matches nothing comes closest to, for "did you mean" explanations.</summary>
public static class SelectorNearMiss
{
    /// <summary>The template that meets the most of the selector's requirements, when it meets at least half of them.</summary>
    public static PodTemplate? Closest(LabelSelector selector, IReadOnlyList<PodTemplate> candidates)
    {
        PodTemplate? best = null;
        var bestMet = 0;
        foreach (var template in candidates)
        {
            var met = selector.RequirementCount - selector.Unmet(template.Labels).Count;
            if (met > bestMet)
            {
                best = template;
                bestMet = met;
            }
        }

        return bestMet > 0 && bestMet * 2 >= selector.RequirementCount ? best : null;
    }

    /// <summary>
    /// The same answer as <see cref="Closest(LabelSelector, IReadOnlyList{PodTemplate})"/> over every pod template of the
    /// namespace, found through the index: a label requirement can only be met by a template in that label's posting
    /// list, so only those are visited (in input order), and the search stops at the first template that meets as many
    /// requirements as any template can. A namespace of thousands of workloads costs a few lookups per selector
    /// instead of a scan; selectors with expressions (which templates outside every posting may meet) still scan.
    /// </summary>
    public static PodTemplate? Closest(LabelSelector selector, ManifestIndex index, string @namespace)
    {
        var required = selector.RequirementCount;
        var postings = selector.MatchLabels
            .Select(label => index.PodTemplatesLabelled(@namespace, label.Key, label.Value))
            .Where(posting => posting.Count > 0)
            .ToList();
        var achievable = postings.Count + selector.MatchExpressions.Count;
        if (achievable == 0 || achievable * 2 < required)
        {
            return null;
        }

        PodTemplate? best = null;
        var bestMet = 0;
        var candidates = selector.MatchExpressions.Count == 0 ? InInputOrder(index, postings) : index.PodTemplatesIn(@namespace);
        foreach (var template in candidates)
        {
            var met = required - selector.Unmet(template.Labels).Count;
            if (met > bestMet)
            {
                best = template;
                bestMet = met;
                if (met == achievable)
                {
                    break; // No later template can meet more, and the first of equals wins.
                }
            }
        }

        return bestMet > 0 && bestMet * 2 >= required ? best : null;
    }

    /// <summary>The union of posting lists (each in input order), in input order, each template once.</summary>
    private static IEnumerable<PodTemplate> InInputOrder(ManifestIndex index, List<IReadOnlyList<PodTemplate>> postings)
    {
        var positions = new int[postings.Count];
        while (true)
        {
            PodTemplate? next = null;
            var nextOrdinal = int.MaxValue;
            for (var i = 0; i < postings.Count; i++)
            {
                if (positions[i] < postings[i].Count && index.OrdinalOf(postings[i][positions[i]]) is var ordinal && ordinal < nextOrdinal)
                {
                    next = postings[i][positions[i]];
                    nextOrdinal = ordinal;
                }
            }

            if (next is null)
            {
                yield break;
            }

            for (var i = 0; i < postings.Count; i++)
            {
                if (positions[i] < postings[i].Count && ReferenceEquals(postings[i][positions[i]], next))
                {
                    positions[i]++;
                }
            }

            yield return next;
        }
    }
}
