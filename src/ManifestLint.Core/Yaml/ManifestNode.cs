using System.Globalization;

namespace ManifestLint.Core.Yaml;

/// <summary>
/// An immutable YAML node that remembers exactly where it came from. Aliases resolve to the anchored
/// node itself (shared, never copied), so an alias bomb costs no memory.
/// </summary>
public abstract class ManifestNode
{
    // A run holds millions of nodes (a 70 MB corpus parses to about 5 million): every field here is paid for per node,
    // in memory and in garbage-collector time, which is why tags (rare) live with the subclasses that can carry them.
    private protected ManifestNode(TextSpan span) => Span = span;

    public TextSpan Span { get; }

    public abstract string? Tag { get; }

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

public enum ScalarStyle : byte
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

public sealed class ScalarNode : ManifestNode
{
    // The value, or a TaggedValue for the rare explicitly tagged scalar: one field instead of two on every scalar.
    private readonly object _value;

    public ScalarNode(string value, ScalarStyle style, TextSpan span, string? tag = null)
        : base(span)
    {
        _value = tag is null ? value : new TaggedValue(value, tag);
        Style = style;
    }

    public string Value => _value as string ?? ((TaggedValue)_value).Value;

    public override string? Tag => (_value as TaggedValue)?.Tag;

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

    private sealed record TaggedValue(string Value, string Tag);
}

/// <summary>
/// One key and its value. A struct stored inline in its mapping, with the key kept as text and span: a node per key
/// and an object per entry were two thirds of all the objects a run held. <see cref="Key"/> builds the key's node on
/// demand, for the rare caller that wants a node (to point a diagnostic at the key).
/// </summary>
public readonly struct MappingEntry
{
    // The key's text for a plain, untagged key (nearly all of them); otherwise its node.
    private readonly object _key;

    public MappingEntry(ScalarNode key, ManifestNode value)
    {
        _key = key.IsPlain ? key.Value : key;
        KeySpan = key.Span;
        Value = value;
    }

    public string KeyText => _key as string ?? ((ScalarNode)_key).Value;

    public TextSpan KeySpan { get; }

    public ScalarNode Key => _key as ScalarNode ?? new ScalarNode((string)_key, ScalarStyle.Plain, KeySpan);

    public ManifestNode Value { get; }

    public void Deconstruct(out ScalarNode key, out ManifestNode value) => (key, value) = (Key, Value);
}

public sealed class MappingNode : ManifestNode
{
    private readonly MappingEntry[] _entries;
    private readonly Dictionary<string, int>? _byKey;

    public MappingNode(IReadOnlyList<MappingEntry> entries, TextSpan span, string? tag = null)
        : this([.. entries], span, tag)
    {
    }

    /// <summary>Takes ownership of <paramref name="entries"/>: the loader's builder hands over an array it made for this node.</summary>
    internal MappingNode(MappingEntry[] entries, TextSpan span, string? tag)
        : base(span)
    {
        _entries = entries;
        Tag = tag;
        if (_entries.Length > 8)
        {
            // Large maps (labels, ConfigMap data) get a dictionary; small ones are faster to scan.
            _byKey = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Length; i++)
            {
                _byKey.TryAdd(_entries[i].KeyText, i);
            }
        }
    }

    public override string? Tag { get; }

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
            if (entry.KeyText == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>The node of a key, to point a diagnostic at the key itself; null when absent.</summary>
    public ScalarNode? KeyOf(string key) => GetEntry(key)?.Key;

    public ManifestNode? Get(string key)
    {
        if (_byKey is not null)
        {
            return _byKey.TryGetValue(key, out var index) ? _entries[index].Value : null;
        }

        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (entry.KeyText == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The mapping's string-valued entries (labels, selectors); non-scalar values are skipped.</summary>
    public IReadOnlyDictionary<string, string> ToStringMap()
    {
        var result = new Dictionary<string, string>(_entries.Length, StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (entry.Value is ScalarNode scalar)
            {
                result[entry.KeyText] = scalar.IsNull ? "" : scalar.Value;
            }
        }

        return result;
    }
}

public sealed class SequenceNode : ManifestNode
{
    private readonly ManifestNode[] _items;

    public SequenceNode(IReadOnlyList<ManifestNode> items, TextSpan span, string? tag = null)
        : base(span)
    {
        _items = [.. items];
        Tag = tag;
    }

    public override string? Tag { get; }

    public IReadOnlyList<ManifestNode> Items => _items;

    public int Count => _items.Length;

    public ManifestNode this[int index] => _items[index];

    public IEnumerable<MappingNode> Mappings() => _items.OfType<MappingNode>();
}
