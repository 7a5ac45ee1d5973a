using System.Globalization;

namespace ManifestLint.Core.Yaml;

/// <summary>
/// An immutable YAML node that remembers exactly where it came from. Aliases resolve to the anchored
/// node itself (shared, never copied), so an alias bomb costs no memory.
/// </summary>
public abstract class ManifestNode
{
    protected ManifestNode(TextSpan span, string? tag)
    {
        Span = span;
        Tag = tag;
    }

    public TextSpan Span { get; }

    public string? Tag { get; }

    /// <summary>Follows a path of mapping keys and sequence indexes; null when any step is missing.</summary>
    public ManifestNode? At(params ReadOnlySpan<string> path)
    {
        ManifestNode? current = this;
        foreach (var step in path)
        {
            current = current switch
            {
                MappingNode map => map.Get(step),
                SequenceNode seq when int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < seq.Count => seq[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public MappingNode? MappingAt(params ReadOnlySpan<string> path) => At(path) as MappingNode;

    public SequenceNode? SequenceAt(params ReadOnlySpan<string> path) => At(path) as SequenceNode;

    public ScalarNode? ScalarAt(params ReadOnlySpan<string> path) => At(path) as ScalarNode;

    /// <summary>The scalar text at the path, or null when absent, null-valued or not a scalar.</summary>
    public string? StringAt(params ReadOnlySpan<string> path) => ScalarAt(path) is { IsNull: false } s ? s.Value : null;
}

public enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

public sealed class ScalarNode : ManifestNode
{
    public ScalarNode(string value, ScalarStyle style, TextSpan span, string? tag = null)
        : base(span, tag)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }

    public ScalarStyle Style { get; }

    /// <summary>YAML null: an unquoted empty value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Tag is null && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null;

    /// <summary>An integer written as a plain YAML scalar (quoted digits are strings, as Kubernetes sees them).</summary>
    public bool TryGetInt32(out int value)
    {
        value = 0;
        return IsPlain && int.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool? AsBoolean() => IsPlain
        ? Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        }
        : null;

    public override string ToString() => Value;
}

public sealed record MappingEntry(ScalarNode Key, ManifestNode Value);

public sealed class MappingNode : ManifestNode
{
    private readonly MappingEntry[] _entries;
    private readonly Dictionary<string, int>? _byKey;

    public MappingNode(IReadOnlyList<MappingEntry> entries, TextSpan span, string? tag = null)
        : base(span, tag)
    {
        _entries = [.. entries];
        if (_entries.Length > 8)
        {
            // Large maps (labels, ConfigMap data) get a dictionary; small ones are faster to scan.
            _byKey = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Length; i++)
            {
                _byKey.TryAdd(_entries[i].Key.Value, i);
            }
        }
    }

    public IReadOnlyList<MappingEntry> Entries => _entries;

    public int Count => _entries.Length;

    public MappingEntry? GetEntry(string key)
    {
        if (_byKey is not null)
        {
            return _byKey.TryGetValue(key, out var index) ? _entries[index] : null;
        }

        foreach (var entry in _entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }

    public ManifestNode? Get(string key) => GetEntry(key)?.Value;

    /// <summary>The mapping's string-valued entries (labels, selectors); non-scalar values are skipped.</summary>
    public IReadOnlyDictionary<string, string> ToStringMap()
    {
        var result = new Dictionary<string, string>(_entries.Length, StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (entry.Value is ScalarNode scalar)
            {
                result[entry.Key.Value] = scalar.IsNull ? "" : scalar.Value;
            }
        }

        return result;
    }
}

public sealed class SequenceNode : ManifestNode
{
    private readonly ManifestNode[] _items;

    public SequenceNode(IReadOnlyList<ManifestNode> items, TextSpan span, string? tag = null)
        : base(span, tag) => _items = [.. items];

    public IReadOnlyList<ManifestNode> Items => _items;

    public int Count => _items.Length;

    public ManifestNode this[int index] => _items[index];

    public IEnumerable<MappingNode> Mappings() => _items.OfType<MappingNode>();
}
