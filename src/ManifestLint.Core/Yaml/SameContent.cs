namespace ManifestLint.Core.Yaml;

/// <summary>
/// Whether two YAML trees say the same thing to the API: equal scalars, mappings with the same keys and equal values in
/// any order, sequences with equal items in order. Positions, styles and comments do not matter.
/// </summary>
public static class SameContent
{
    public static bool Equal(ManifestNode a, ManifestNode b) => (a, b) switch
    {
        (ScalarNode x, ScalarNode y) => x.IsNull == y.IsNull && (x.IsNull || x.Value == y.Value),
        (MappingNode x, MappingNode y) => x.Count == y.Count && x.Entries.All(e => y.Get(e.KeyText) is { } other && Equal(e.Value, other)),
        (SequenceNode x, SequenceNode y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => Equal(x[i], y[i])),
        _ => false,
    };
}
