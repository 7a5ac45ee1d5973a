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
}
