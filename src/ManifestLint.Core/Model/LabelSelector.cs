using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Model;

public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

public sealed record SelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
    {
        SelectorOperator.In => labels.TryGetValue(Key, out var v) && Values.Contains(v),
        SelectorOperator.NotIn => !labels.TryGetValue(Key, out var v) || !Values.Contains(v),
        SelectorOperator.Exists => labels.ContainsKey(Key),
        _ => !labels.ContainsKey(Key),
    };

    public override string ToString() => Operator switch
    {
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        _ => "!" + Key,
    };
}

/// <summary>
/// A Kubernetes label selector with the API's semantics: every matchLabels pair and every matchExpressions
/// requirement must hold. An empty selector matches everything; callers decide what an absent one means
/// (a Service without a selector manages no pods; an empty NetworkPolicy podSelector selects all pods).
/// </summary>
public sealed class LabelSelector
{
    private string? _key;

    public LabelSelector(IReadOnlyDictionary<string, string> matchLabels, IReadOnlyList<SelectorRequirement> matchExpressions)
    {
        MatchLabels = matchLabels;
        MatchExpressions = matchExpressions;
    }

    public static LabelSelector Everything { get; } = new(new Dictionary<string, string>(), []);

    public IReadOnlyDictionary<string, string> MatchLabels { get; }

    public IReadOnlyList<SelectorRequirement> MatchExpressions { get; }

    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.Count == 0;

    /// <summary>A Service-style selector: a plain map of labels.</summary>
    public static LabelSelector FromMap(MappingNode map) => new(map.ToStringMap(), []);

    /// <summary>
    /// A metav1.LabelSelector (<c>matchLabels</c> + <c>matchExpressions</c>). Returns null when the node holds
    /// something the API would reject (an unknown operator, In without values, Exists with values), so rules stay quiet on it.
    /// </summary>
    public static LabelSelector? FromLabelSelector(MappingNode node)
    {
        var matchLabels = node.MappingAt("matchLabels")?.ToStringMap() ?? new Dictionary<string, string>();
        var requirements = new List<SelectorRequirement>();
        foreach (var expression in node.SequenceAt("matchExpressions")?.Mappings() ?? [])
        {
            var key = expression.StringAt("key");
            var op = expression.StringAt("operator");
            var values = expression.SequenceAt("values")?.Items.OfType<ScalarNode>().Select(v => v.Value).ToArray() ?? [];
            // Exactly the API's four names: Enum.TryParse would also take "1" or "In, NotIn" (numeric and flag forms).
            SelectorOperator? parsed = op switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => null,
            };
            if (key is null || parsed is null)
            {
                return null;
            }

            // As labels.NewRequirement: In and NotIn need values, Exists and DoesNotExist must have none.
            if (parsed is SelectorOperator.In or SelectorOperator.NotIn ? values.Length == 0 : values.Length != 0)
            {
                return null;
            }

            requirements.Add(new SelectorRequirement(key, parsed.Value, values));
        }

        return new LabelSelector(matchLabels, requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        Engine.WorkMeter.CountSelectorEvaluation();
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in MatchExpressions)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parts of this selector the labels fail, for near-miss explanations.</summary>
    public IReadOnlyList<string> Unmet(IReadOnlyDictionary<string, string> labels)
    {
        Engine.WorkMeter.CountSelectorEvaluation();
        var unmet = new List<string>();
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual))
            {
                unmet.Add($"{key}={value}");
            }
            else if (actual != value)
            {
                unmet.Add($"{key}={value} (has {key}={actual})");
            }
        }

        unmet.AddRange(MatchExpressions.Where(r => !r.Matches(labels)).Select(r => r.ToString()));
        return unmet;
    }

    /// <summary>
    /// The same text for selectors that require the same labels (whatever order the map was written in), and
    /// different text otherwise: each part is length-prefixed, so no key or value, however malformed, can collide.
    /// </summary>
    public string Key => _key ??= string.Concat(
        MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key.Length}:{l.Key}{l.Value.Length}:{l.Value}")
            .Append("|")
            .Concat(MatchExpressions.Select(r => $"{r.Key.Length}:{r.Key}{r.Operator}{r.Values.Count}:{string.Concat(r.Values.Select(v => $"{v.Length}:{v}"))}")));

    /// <summary>How many requirements there are, to judge how close a near miss is.</summary>
    public int RequirementCount => MatchLabels.Count + MatchExpressions.Count;

    public override string ToString() =>
        string.Join(",", MatchLabels.Select(kv => $"{kv.Key}={kv.Value}").Concat(MatchExpressions.Select(r => r.ToString())));
}
