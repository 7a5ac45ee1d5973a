using System.Globalization;
using System.Runtime.CompilerServices;

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
    public ManifestNode? At(params ReadOnlySpan<string> path) =>
        Walk(path, out var node, out var entry) ? node ?? entry.Value : null;

    public MappingNode? MappingAt(params ReadOnlySpan<string> path) => At(path) as MappingNode;

    public SequenceNode? SequenceAt(params ReadOnlySpan<string> path) => At(path) as SequenceNode;

    public ScalarNode? ScalarAt(params ReadOnlySpan<string> path) => At(path) as ScalarNode;

    /// <summary>The scalar text at the path, or null when absent, null-valued or not a scalar.</summary>
    public string? StringAt(params ReadOnlySpan<string> path)
    {
        if (!Walk(path, out var node, out var entry))
        {
            return null;
        }

        return node is null ? entry.ValueText : node is ScalarNode { IsNull: false } scalar ? scalar.Value : null;
    }

    /// <summary>
    /// Follows a path. Steps go from entry to entry without building the nodes in between (an entry may hold its
    /// mapping or sequence inline), so a lookup builds at most the node it ends at. Ends with either a node, or the
    /// entry whose value the path names (<paramref name="node"/> null).
    /// </summary>
    private bool Walk(ReadOnlySpan<string> path, out ManifestNode? node, out MappingEntry entry)
    {
        // The steps start from an entry holding this node; an empty path ends at the node itself, not a copy.
        node = path.IsEmpty ? this : null;
        entry = MappingEntry.OfNode(this);
        foreach (var step in path)
        {
            if (entry.FindInValue(step, out var child) != true)
            {
                return false;
            }

            entry = child;
        }

        return true;
    }
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

    /// <summary>Whether a plain, untagged scalar with this text is YAML null.</summary>
    internal static bool IsNullText(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>YAML null: an unquoted empty value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => _value is string text && Style == ScalarStyle.Plain && IsNullText(text);

    public bool IsPlain => Style == ScalarStyle.Plain && Tag is null;

    /// <summary>The value holds a sed or envsubst placeholder (<c>{{name}}</c>, <c>${NAME}</c>): its real value is unknown.</summary>
    public bool IsPlaceholder => Model.TemplatePlaceholders.IsPlaceholder(Value);

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
/// One key and its value, stored inline in its mapping. A run holds millions of entries, and the garbage collector's
/// time grows with the number of objects it holds, so an entry keeps the common shapes without a node of their own:
/// a single-line key or scalar value, plain or quoted without escapes (all of JSON's keys and most of its strings), as
/// its text, style and start (the end follows from the length), a small block mapping value as the place of its
/// entries (its span follows from them), and any other small untagged mapping (a JSON object, a flow mapping) or
/// untagged sequence as the place of its entries or items after a slot holding its span. Anything else is kept as its
/// node.
/// <see cref="Key"/> and <see cref="Value"/> build a node on demand for such a key or value (cheap and short-lived);
/// <see cref="KeyText"/>, <see cref="KeySpan"/>, <see cref="ValueSpan"/> and <see cref="ValueText"/> build none.
/// </summary>
public readonly struct MappingEntry
{
    private readonly object _key; // string or ScalarNode
    private readonly int _keyLine;
    private readonly int _keyColumnAndStyle;
    private readonly object _value; // string, EntryStore or ManifestNode

    // The line and packed column and style of a compact scalar value (string), the offset and count of a block
    // mapping value's entries (EntryStore, count > 0), the offset of a mapping's span slot and its entry count with
    // SpannedMapping set, or the offset of a sequence's span slot and the complement of its item count (EntryStore,
    // negative). A span slot keeps the start in these two and the end in the key's two.
    private readonly int _value1;
    private readonly int _value2;
    private const int SpannedMapping = 1 << 30;

    // A compact scalar's style shares an int with its column: columns past 2^28 (a line longer than any file this
    // reads) keep their node.
    private const int StyleShift = 28;
    private const int ColumnMask = (1 << StyleShift) - 1;

    public MappingEntry(ScalarNode key, ManifestNode value) => this = Pair(Item(key), Item(value))!.Value;

    private MappingEntry(object key, int keyLine, int keyColumnAndStyle, in MappingEntry value) =>
        (_key, _keyLine, _keyColumnAndStyle, _value, _value1, _value2) = (key, keyLine, keyColumnAndStyle, value._value, value._value1, value._value2);

    private MappingEntry(object value, int value1, int value2) => (_key, _value, _value1, _value2) = (null!, value, value1, value2);

    /// <summary>
    /// A slot with a value and no key, in the value's compact form if it has one: how a sequence keeps its items (see
    /// SequenceNode), and, paired with a key slot, how a mapping keeps its entries.
    /// </summary>
    internal static MappingEntry Item(ManifestNode value) => value switch
    {
        ScalarNode scalar when IsCompactScalar(scalar.Value, scalar.Style, scalar.Tag, scalar.Span) => ScalarItem(scalar.Value, scalar.Style, scalar.Span.Start),
        MappingNode mapping when mapping.InlineForm() is { } inline => InlineMappingItem(inline.Store, inline.Offset, inline.Count),
        _ => OfNode(value),
    };

    /// <summary>A value slot that keeps its node as it is.</summary>
    internal static MappingEntry OfNode(ManifestNode node) => new(node, 0, 0);

    /// <summary>A value slot for a compact scalar (see <see cref="IsCompactScalar"/>), made by the loader without building the scalar's node.</summary>
    internal static MappingEntry ScalarItem(string text, ScalarStyle style, SourcePosition start) => new(text, start.Line, start.Column | ((int)style << StyleShift));

    /// <summary>A value slot for a block mapping whose entries are in the store, made by the loader without building its node.</summary>
    internal static MappingEntry InlineMappingItem(EntryStore store, int offset, int count) => new(store, offset, count);

    /// <summary>A value slot for a mapping whose span slot and entries are in the store (see <see cref="SpanSlot"/>).</summary>
    internal static MappingEntry InlineSpannedMappingItem(EntryStore store, int spanSlot, int count) => new(store, spanSlot, count | SpannedMapping);

    /// <summary>A value slot for a sequence whose span slot and items are in the store (see <see cref="SpanSlot"/>).</summary>
    internal static MappingEntry InlineSequenceItem(EntryStore store, int spanSlot, int count) => new(store, spanSlot, ~count);

    /// <summary>The slot before an inline collection's items that holds its span, which they cannot give (a dash, braces, brackets).</summary>
    internal static MappingEntry SpanSlot(TextSpan span) =>
        new(null!, span.End.Line, span.End.Column, new MappingEntry(null!, span.Start.Line, span.Start.Column));

    /// <summary>The span an inline collection's span slot holds.</summary>
    internal TextSpan HeldSpan => new(new SourcePosition(_value1, _value2), new SourcePosition(_keyLine, _keyColumnAndStyle));

    /// <summary>How the value is stored, for a walk over a whole tree that must not build a node per value (see <see cref="RawValue"/>).</summary>
    internal SlotForm Form => _value switch
    {
        string => SlotForm.CompactScalar,
        EntryStore => _value2 < 0 ? SlotForm.InlineSequence : SlotForm.InlineMapping,
        _ => SlotForm.Node,
    };

    /// <summary>The entry of a key slot and a value slot (see <see cref="Item"/>); null when the key is not a scalar.</summary>
    internal static MappingEntry? Pair(in MappingEntry key, in MappingEntry value) => key._value switch
    {
        string text => new MappingEntry(text, key._value1, key._value2, value),
        ScalarNode node => new MappingEntry(node, 0, 0, value),
        _ => null,
    };

    /// <summary>Whether the key is a plain, untagged scalar (a merge key "&lt;&lt;" must be).</summary>
    internal bool HasPlainKey => _key is string ? StyleOf(_keyColumnAndStyle) == ScalarStyle.Plain : Unsafe.As<ScalarNode>(_key).IsPlain;

    /// <summary>
    /// Whether a scalar is kept as its text, style and start: untagged, on one line, and plain or quoted without escapes
    /// (its text as long as what is written between the quotes), so that its end follows from its length.
    /// </summary>
    internal static bool IsCompactScalar(string text, ScalarStyle style, string? tag, TextSpan span) =>
        tag is null && span.Start.Line == span.End.Line && span.Start.Column <= ColumnMask && (span.End.Column - span.Start.Column) switch
        {
            var width when style == ScalarStyle.Plain => width == text.Length,
            var width when style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => width == text.Length + 2,
            _ => false,
        };

    public string KeyText => _key is string text ? text : Unsafe.As<ScalarNode>(_key).Value;

    public TextSpan KeySpan => _key is string text ? SpanOf(_keyLine, _keyColumnAndStyle, text) : Unsafe.As<ScalarNode>(_key).Span;

    public ScalarNode Key => _key is string text
        ? new ScalarNode(text, StyleOf(_keyColumnAndStyle), SpanOf(_keyLine, _keyColumnAndStyle, text))
        : Unsafe.As<ScalarNode>(_key);

    public ManifestNode Value => _value switch
    {
        string text => new ScalarNode(text, StyleOf(_value2), SpanOf(_value1, _value2, text)),
        EntryStore store when _value2 < 0 => SequenceNode.FromInlineForm(store, _value1, ~_value2),
        EntryStore store when IsSpannedMapping => new MappingNode(store, _value1 + 1, _value2 & ~SpannedMapping, store.At(_value1).HeldSpan, null),
        EntryStore store => MappingNode.FromInlineForm(store, _value1, _value2),
        _ => Unsafe.As<ManifestNode>(_value),
    };

    public TextSpan ValueSpan => _value switch
    {
        string text => SpanOf(_value1, _value2, text),
        EntryStore store when _value2 < 0 || IsSpannedMapping => store.At(_value1).HeldSpan,
        EntryStore store => MappingNode.SpanOfEntries(store.Span(_value1, _value2)),
        _ => Unsafe.As<ManifestNode>(_value).Span,
    };

    /// <summary>The value's text when it is a non-null scalar, as <see cref="ManifestNode.StringAt"/> reads it; otherwise null.</summary>
    public string? ValueText => _value switch
    {
        string text => StyleOf(_value2) == ScalarStyle.Plain && ScalarNode.IsNullText(text) ? null : text,
        ScalarNode { IsNull: false } scalar => scalar.Value,
        _ => null,
    };

    /// <summary>
    /// Takes one step of a path into the value: a key of a mapping, an index of a sequence. True with the entry when
    /// found, false when the collection lacks it; null when the value is a scalar. Builds no node.
    /// </summary>
    internal bool? FindInValue(string step, out MappingEntry found)
    {
        found = default;
        switch (_value)
        {
            case EntryStore store when _value2 < 0:
                if (SequenceNode.IndexOf(step, ~_value2) is not { } index)
                {
                    return false;
                }

                found = store.At(_value1 + 1 + index);
                return true;
            case EntryStore:
                return MappingNode.Scan(InlineEntries, step, out found);
            case MappingNode mapping:
                return mapping.TryGetEntry(step, out found);
            case SequenceNode sequence:
                if (SequenceNode.IndexOf(step, sequence.Count) is not { } at)
                {
                    return false;
                }

                found = sequence.ItemEntry(at);
                return true;
            default:
                return null;
        }
    }

    /// <summary>
    /// The value as stored, for a walk over a whole tree that must not build a node per value (schema validation), by
    /// its <see cref="Form"/>: a compact scalar's text (string, with <see cref="TextStyle"/>), an inline block mapping or
    /// sequence (EntryStore, with <see cref="InlineEntries"/> or <see cref="InlineItems"/>), or a node.
    /// </summary>
    internal object RawValue => _value;

    /// <summary>The style of a compact scalar value (<see cref="RawValue"/> is a string).</summary>
    internal ScalarStyle TextStyle => StyleOf(_value2);

    /// <summary>The entries of an inline mapping value (<see cref="Form"/> is <see cref="SlotForm.InlineMapping"/>).</summary>
    internal ReadOnlySpan<MappingEntry> InlineEntries => IsSpannedMapping
        ? Unsafe.As<EntryStore>(_value).Span(_value1 + 1, _value2 & ~SpannedMapping)
        : Unsafe.As<EntryStore>(_value).Span(_value1, _value2);

    /// <summary>Whether an inline mapping value keeps a span slot before its entries (a sequence's count is negative).</summary>
    private bool IsSpannedMapping => _value2 > 0 && (_value2 & SpannedMapping) != 0;

    /// <summary>The items of an inline sequence value (<see cref="Form"/> is <see cref="SlotForm.InlineSequence"/>).</summary>
    internal ReadOnlySpan<MappingEntry> InlineItems => Unsafe.As<EntryStore>(_value).Span(_value1 + 1, ~_value2);

    /// <summary>Whether the value is a scalar (not a mapping or sequence), without building a node.</summary>
    public bool HasScalarValue => _value is string or ScalarNode;

    public void Deconstruct(out ScalarNode key, out ManifestNode value) => (key, value) = (Key, Value);

    private static ScalarStyle StyleOf(int columnAndStyle) => (ScalarStyle)(columnAndStyle >>> StyleShift);

    /// <summary>A compact scalar's span: its text, and its quotes if it has them.</summary>
    private static TextSpan SpanOf(int line, int columnAndStyle, string text)
    {
        var column = columnAndStyle & ColumnMask;
        var width = StyleOf(columnAndStyle) == ScalarStyle.Plain ? text.Length : text.Length + 2;
        return new TextSpan(new SourcePosition(line, column), new SourcePosition(line, column + width));
    }
}

/// <summary>How a mapping entry or sequence item keeps its value (see <see cref="MappingEntry"/>).</summary>
internal enum SlotForm : byte
{
    CompactScalar,
    InlineMapping,
    InlineSequence,
    Node,
}

/// <summary>
/// The entries of every mapping and the items of every sequence of one document, in one place: the builder appends
/// each collection's slots as it ends. One store per document instead of an array per collection (a manifest is mostly
/// small collections: labels, metadata, resources, ports). The loader fills it in a buffer it reuses from document to
/// document and seals it when the document ends, copying the slots once into a slab shared with the thread's other
/// documents (see <see cref="EntrySlabs"/>).
/// </summary>
internal sealed class EntryStore
{
    private MappingEntry[] _items;

    // Where slot 0 of this document is in _items: 0 while it is built in the buffer, its place in a slab once sealed.
    private int _base;
    private int _count;

    private EntryStore(MappingEntry[] items, int count) => (_items, _count) = (items, count);

    /// <summary>A store to fill in a lent buffer; <see cref="Seal"/> gives the buffer back.</summary>
    public static EntryStore InBuffer(MappingEntry[] buffer) => new(buffer, 0);

    /// <summary>A store of exactly these slots, for a node built by hand rather than by the loader.</summary>
    public static EntryStore Of(IEnumerable<MappingEntry> slots)
    {
        MappingEntry[] items = [.. slots];
        return new EntryStore(items, items.Length);
    }

    public ReadOnlySpan<MappingEntry> Span(int offset, int count) => _items.AsSpan(_base + offset, count);

    public ArraySegment<MappingEntry> Segment(int offset, int count) => new(_items, _base + offset, count);

    public ref readonly MappingEntry At(int index) => ref _items[_base + index];

    public int Append(List<MappingEntry> entries)
    {
        var offset = _count;
        MakeRoom(entries.Count);
        entries.CopyTo(_items, _count);
        _count += entries.Count;
        return offset;
    }

    /// <summary>Appends a collection's span slot and then its entries or items; returns where the span slot is.</summary>
    public int AppendSpanned(TextSpan span, List<MappingEntry> items)
    {
        MakeRoom(1);
        _items[_count++] = MappingEntry.SpanSlot(span);
        return Append(items) - 1;
    }

    private void MakeRoom(int more)
    {
        if (_count + more > _items.Length)
        {
            var grown = new MappingEntry[Math.Max(_items.Length * 2, _count + more)];
            Array.Copy(_items, grown, _count);
            _items = grown;
        }
    }

    /// <summary>Moves the slots out of the buffer (into a slab) and returns the buffer they were in (grown, perhaps) for reuse.</summary>
    public MappingEntry[] Seal()
    {
        var buffer = _items;
        (_items, _base) = EntrySlabs.Place(buffer.AsSpan(0, _count));
        return buffer;
    }
}

/// <summary>
/// Where sealed documents keep their slots: large arrays, one being filled per thread, each holding the slots of many
/// documents in turn. A run keeps every document's tree until its output is written, so the slots are most of what
/// it holds: one array per many documents is far fewer objects for the garbage collector to track than one per
/// document. With the runtime's default threshold these arrays live in the large object heap, which young collections
/// never copy; the CLI raises the threshold (its project file says why), so there they are young objects, copied
/// once or twice, which cost less than the full collections that allocating in the large object heap brought on. A
/// document too large to share a slab gets an array of its own. The last slab of each thread stays reachable from it
/// after a run.
/// </summary>
internal static class EntrySlabs
{
    // 16,384 slots of 32 bytes: 512 KB, room for many documents.
    private const int SlabLength = 16384;
    private const int SharedUpTo = SlabLength / 8;

    [ThreadStatic]
    private static MappingEntry[]? t_slab;

    [ThreadStatic]
    private static int t_used;

    public static (MappingEntry[] Items, int Base) Place(ReadOnlySpan<MappingEntry> slots)
    {
        if (slots.Length > SharedUpTo)
        {
            return (slots.ToArray(), 0);
        }

        if (t_slab is null || t_used + slots.Length > t_slab.Length)
        {
            (t_slab, t_used) = (new MappingEntry[SlabLength], 0);
        }

        var at = t_used;
        slots.CopyTo(t_slab.AsSpan(at));
        t_used += slots.Length;
        return (t_slab, at);
    }
}

public sealed class MappingNode : ManifestNode
{
    private readonly EntryStore _store;
    private readonly int _offset;
    private readonly int _count;

    // Large maps (labels, ConfigMap data) get a dictionary; small ones are faster to scan, and may be kept inline.
    internal const int KeyIndexThreshold = 8;

    // The rare extras share one field: a tag, and a key index for large mappings.
    private readonly Extras? _extras;

    public MappingNode(IReadOnlyList<MappingEntry> entries, TextSpan span, string? tag = null)
        : this(EntryStore.Of(entries), 0, entries.Count, span, tag)
    {
    }

    internal MappingNode(EntryStore store, int offset, int count, TextSpan span, string? tag)
        : base(span)
    {
        (_store, _offset, _count) = (store, offset, count);
        Dictionary<string, int>? byKey = null;
        if (count > KeyIndexThreshold)
        {
            byKey = new Dictionary<string, int>(count, StringComparer.Ordinal);
            var entries = EntrySpan;
            for (var i = 0; i < entries.Length; i++)
            {
                byKey.TryAdd(entries[i].KeyText, i);
            }
        }

        _extras = tag is null && byKey is null ? null : new Extras(tag, byKey);
    }

    public override string? Tag => _extras?.Tag;

    public IReadOnlyList<MappingEntry> Entries => _store.Segment(_offset, _count);

    public int Count => _count;

    internal ReadOnlySpan<MappingEntry> EntrySpan => _store.Span(_offset, _count);

    public MappingEntry? GetEntry(string key) => TryGetEntry(key, out var entry) ? entry : null;

    internal bool TryGetEntry(string key, out MappingEntry entry)
    {
        var entries = EntrySpan;
        if (_extras?.ByKey is { } byKey)
        {
            var found = byKey.TryGetValue(key, out var index);
            entry = found ? entries[index] : default;
            return found;
        }

        return Scan(entries, key, out entry);
    }

    /// <summary>Small mappings (all inline ones among them) are searched by a scan; see the constructor.</summary>
    internal static bool Scan(ReadOnlySpan<MappingEntry> entries, string key, out MappingEntry entry)
    {
        foreach (ref readonly var candidate in entries)
        {
            if (candidate.KeyText == key)
            {
                entry = candidate;
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>The node of a key, to point a diagnostic at the key itself; null when absent.</summary>
    public ScalarNode? KeyOf(string key) => GetEntry(key)?.Key;

    public ManifestNode? Get(string key) => GetEntry(key)?.Value;

    /// <summary>
    /// The mapping's string-valued entries (labels, selectors; a null value reads as ""), in order; non-scalar values are
    /// skipped. Read in place rather than copied: every object's labels and annotations are kept for the whole run, and
    /// a dictionary of its own was three objects more for each of them to trace at every collection.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToStringMap() => new StringMap(this);

    private sealed class StringMap : IReadOnlyDictionary<string, string>
    {
        // The entries' place, not the mapping: a small mapping's node is built for the asking (see MappingEntry), and
        // keeping it would be one more object per map. A large one keeps its node for its key index.
        private readonly EntryStore _store;
        private readonly int _offset;
        private readonly int _entryCount;
        private readonly MappingNode? _indexed;

        public StringMap(MappingNode mapping)
        {
            (_store, _offset, _entryCount) = (mapping._store, mapping._offset, mapping._count);
            _indexed = mapping._extras?.ByKey is null ? null : mapping;
            foreach (ref readonly var entry in Entries)
            {
                Count += entry.HasScalarValue ? 1 : 0;
            }
        }

        private ReadOnlySpan<MappingEntry> Entries => _store.Span(_offset, _entryCount);

        public int Count { get; }

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No string-valued key '{key}'");

        public IEnumerable<string> Keys => this.Select(pair => pair.Key);

        public IEnumerable<string> Values => this.Select(pair => pair.Value);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
        {
            if ((_indexed is not null ? _indexed.TryGetEntry(key, out var entry) : Scan(Entries, key, out entry)) && entry.HasScalarValue)
            {
                value = entry.ValueText ?? "";
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            for (var i = 0; i < _entryCount; i++)
            {
                var entry = Entries[i];
                if (entry.HasScalarValue)
                {
                    yield return new KeyValuePair<string, string>(entry.KeyText, entry.ValueText ?? "");
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// How an entry can hold this mapping without its node: where its entries are, when nothing else about it needs
    /// keeping (no tag, no key index) and its span is exactly the one its entries give, as for a block mapping.
    /// </summary>
    internal (EntryStore Store, int Offset, int Count)? InlineForm() =>
        Tag is null && _count <= KeyIndexThreshold && SpansItsEntries(EntrySpan, Span) ? (_store, _offset, _count) : null;

    internal static MappingNode FromInlineForm(EntryStore store, int offset, int count) =>
        new(store, offset, count, SpanOfEntries(store.Span(offset, count)), null);

    /// <summary>Whether a mapping with this span is a block mapping of these entries, whose span they give.</summary>
    internal static bool SpansItsEntries(ReadOnlySpan<MappingEntry> entries, TextSpan span) => !entries.IsEmpty && span == SpanOfEntries(entries);

    /// <summary>A block mapping spans from its first key to the end of its last value.</summary>
    internal static TextSpan SpanOfEntries(ReadOnlySpan<MappingEntry> entries) => new(entries[0].KeySpan.Start, entries[^1].ValueSpan.End);

    private sealed record Extras(string? Tag, Dictionary<string, int>? ByKey);
}

/// <summary>
/// A sequence keeps its items as slots of its document's entry store, in the compact forms a mapping entry's value
/// takes (a plain scalar as its text, a block mapping as the place of its entries), and builds an item's node when
/// it is asked for. Most sequence items in a manifest (containers, ports, env entries, rules) are small mappings,
/// which would otherwise each be an object the garbage collector keeps track of for the whole run.
/// </summary>
public sealed class SequenceNode : ManifestNode
{
    private readonly EntryStore _store;
    private readonly int _offset;
    private readonly int _count;

    public SequenceNode(IReadOnlyList<ManifestNode> items, TextSpan span, string? tag = null)
        : this(EntryStore.Of(items.Select(MappingEntry.Item)), 0, items.Count, span, tag)
    {
    }

    internal SequenceNode(EntryStore store, int offset, int count, TextSpan span, string? tag)
        : base(span)
    {
        (_store, _offset, _count) = (store, offset, count);
        Tag = tag;
    }

    public override string? Tag { get; }

    /// <summary>A sequence kept inline by an entry (see <see cref="MappingEntry"/>): its span slot and items.</summary>
    internal static SequenceNode FromInlineForm(EntryStore store, int spanSlot, int count) =>
        new(store, spanSlot + 1, count, store.At(spanSlot).HeldSpan, null);

    /// <summary>The index a path step names in a sequence of this many items; null when it names none.</summary>
    internal static int? IndexOf(string step, int count) =>
        int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count ? index : null;

    public IReadOnlyList<ManifestNode> Items => new ItemList(this);

    public int Count => _count;

    public ManifestNode this[int index] => ItemEntry(index).Value;

    public IEnumerable<MappingNode> Mappings()
    {
        for (var i = 0; i < _count; i++)
        {
            if (ItemEntry(i).Value is MappingNode mapping)
            {
                yield return mapping;
            }
        }
    }

    /// <summary>The slots of the items, for a walk over a whole tree that must not build a node per item.</summary>
    internal ReadOnlySpan<MappingEntry> ItemSpan => _store.Span(_offset, _count);

    /// <summary>The slot of an item, to follow a path through it without building its node.</summary>
    internal ref readonly MappingEntry ItemEntry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return ref _store.At(_offset + index);
    }

    private sealed class ItemList(SequenceNode sequence) : IReadOnlyList<ManifestNode>
    {
        public int Count => sequence.Count;

        public ManifestNode this[int index] => sequence[index];

        public IEnumerator<ManifestNode> GetEnumerator()
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                yield return sequence[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
