using ManifestLint.Core.Model;

namespace ManifestLint.Core.World;

/// <summary>Whether a selector selects a template's pods: certainly, certainly not, or depending on what the input cannot see.</summary>
public enum LabelMatch
{
    No,
    Yes,
    Maybe,
}

/// <summary>
/// Evaluates a selector against the labels a template's pods will carry: the template's own, the labels the pods'
/// controller adds (some known, like a Job's <c>job-name</c>; some not, like <c>pod-template-hash</c>), and, for
/// operator-built pods, labels whose values only the operator knows.
/// </summary>
public static class PodLabelMatch
{
    public static LabelMatch Evaluate(LabelSelector selector, PodTemplate pod)
    {
        var result = LabelMatch.Yes;
        foreach (var (key, value) in selector.MatchLabels)
        {
            result = Combine(result, Requirement(pod, key, SelectorOperator.In, [value]));
            if (result == LabelMatch.No)
            {
                return result;
            }
        }

        foreach (var requirement in selector.MatchExpressions)
        {
            result = Combine(result, Requirement(pod, requirement.Key, requirement.Operator, requirement.Values));
            if (result == LabelMatch.No)
            {
                return result;
            }
        }

        return result;
    }

    private static LabelMatch Combine(LabelMatch a, LabelMatch b) =>
        a == LabelMatch.No || b == LabelMatch.No ? LabelMatch.No : a == LabelMatch.Maybe || b == LabelMatch.Maybe ? LabelMatch.Maybe : LabelMatch.Yes;

    private static LabelMatch Requirement(PodTemplate pod, string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        if (pod.Labels.TryGetValue(key, out var actual))
        {
            // A value a script fills in later ("{{app}}") may be anything.
            return TemplatePlaceholders.IsPlaceholder(actual) ? LabelMatch.Maybe : Known(op, values, [actual]);
        }

        if (pod.ControllerLabels.TryGetValue(key, out var controllerValues))
        {
            return controllerValues is null ? LabelMatch.Maybe : Known(op, values, controllerValues);
        }

        if (pod.OwnerKind.IsOpenLabel(key))
        {
            return LabelMatch.Maybe;
        }

        return op is SelectorOperator.NotIn or SelectorOperator.DoesNotExist ? LabelMatch.Yes : LabelMatch.No;
    }

    /// <summary>
    /// A requirement on a label whose value on each pod is one of <paramref name="actual"/> (a StatefulSet's pods have one
    /// pod name each): it selects some pod when some value meets it.
    /// </summary>
    private static LabelMatch Known(SelectorOperator op, IReadOnlyList<string> values, IEnumerable<string> actual) => op switch
    {
        SelectorOperator.In => actual.Any(values.Contains) ? LabelMatch.Yes : LabelMatch.No,
        SelectorOperator.NotIn => actual.Any(a => !values.Contains(a)) ? LabelMatch.Yes : LabelMatch.No,
        SelectorOperator.Exists => LabelMatch.Yes,
        _ => LabelMatch.No,
    };
}
