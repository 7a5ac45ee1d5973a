using ManifestLint.Core.Index;

namespace ManifestLint.Core.Model;

/// <summary>
/// What the input knows about namespace labels, for namespaceSelectors. Every namespace carries the automatic
/// label <c>kubernetes.io/metadata.name</c>; its other labels are known only when the input declares the
/// Namespace object (its labels are then taken as complete).
/// </summary>
public static class NamespaceLabels
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>
    /// Namespaces where the cluster itself runs pods (CoreDNS, kube-proxy, the CNI): an input that declares some
    /// workloads there still does not hold all of them, so "no pod there matches" is never certain.
    /// </summary>
    public static bool HasClusterManagedPods(string @namespace) => @namespace is "kube-system" or "kube-public" or "kube-node-lease";

    /// <summary>The namespace's full label set when the input declares its Namespace object; null otherwise.</summary>
    public static IReadOnlyDictionary<string, string>? Known(ManifestIndex index, string @namespace)
    {
        if (index.NamespaceObject(@namespace) is not { } declared)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(declared.Labels, StringComparer.Ordinal) { [NameLabel] = @namespace };
        return labels;
    }

    /// <summary>
    /// Whether the selector selects the namespace: true or false when the input can tell, null when it depends on
    /// labels the input does not declare. Requirements on the name label alone are always decidable.
    /// </summary>
    public static bool? Matches(ManifestIndex index, LabelSelector selector, string @namespace)
    {
        if (Known(index, @namespace) is { } labels)
        {
            return selector.Matches(labels);
        }

        var nameOnly = new Dictionary<string, string>(StringComparer.Ordinal) { [NameLabel] = @namespace };
        var undecided = false;
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (key != NameLabel)
            {
                undecided = true;
            }
            else if (value != @namespace)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions)
        {
            if (requirement.Key != NameLabel)
            {
                undecided = true;
            }
            else if (!requirement.Matches(nameOnly))
            {
                return false;
            }
        }

        return undecided ? null : true;
    }

    /// <summary>
    /// The namespace names a selector is limited to through <c>kubernetes.io/metadata.name</c> (matchLabels or an
    /// In expression); null when it is not limited by name, so that it can match namespaces the input never sees.
    /// </summary>
    public static IReadOnlySet<string>? PinnedNames(LabelSelector selector)
    {
        HashSet<string>? names = null;
        if (selector.MatchLabels.TryGetValue(NameLabel, out var pinned))
        {
            names = new HashSet<string>(StringComparer.Ordinal) { pinned };
        }

        foreach (var requirement in selector.MatchExpressions.Where(r => r.Key == NameLabel && r.Operator == SelectorOperator.In))
        {
            if (names is null)
            {
                names = new HashSet<string>(requirement.Values, StringComparer.Ordinal);
            }
            else
            {
                names.IntersectWith(requirement.Values);
            }
        }

        return names;
    }
}
