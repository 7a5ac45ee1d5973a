namespace ManifestLint.CorpusGenerator.Emit;

/// <summary>
/// A tiny document tree. Objects are built once and then rendered as YAML or JSON, so both formats come from
/// the same content and the fault marker travels with the key it belongs to.
/// </summary>
internal abstract class Node;

internal enum ScalarKind
{
    String,
    Integer,
    Boolean,
}

internal sealed class Scalar(string text, ScalarKind kind) : Node
{
    public string Text { get; } = text;
    public ScalarKind Kind { get; } = kind;

    public static Scalar Of(string value) => new(value, ScalarKind.String);
    public static Scalar Of(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Integer);
    public static Scalar Of(bool value) => new(value ? "true" : "false", ScalarKind.Boolean);
}

/// <summary>A mapping entry. <paramref name="Marked"/> asks the emitter to report the line the key is written on.</summary>
internal readonly record struct Entry(string Key, Node Value, bool Marked);

internal sealed class Map : Node
{
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries => _entries;

    public Map Add(string key, Node value, bool mark = false)
    {
        _entries.Add(new Entry(key, value, mark));
        return this;
    }

    public Map Add(string key, string value, bool mark = false) => Add(key, Scalar.Of(value), mark);

    public Map Add(string key, int value, bool mark = false) => Add(key, Scalar.Of(value), mark);

    public Map Add(string key, bool value) => Add(key, Scalar.Of(value));

    /// <summary>Adds an entry only when <paramref name="condition"/> holds, keeping builders linear.</summary>
    public Map AddIf(bool condition, string key, Func<Node> value) => condition ? Add(key, value()) : this;
}

internal sealed class Seq : Node
{
    private readonly List<Node> _items = [];

    public IReadOnlyList<Node> Items => _items;

    public Seq Add(Node item)
    {
        _items.Add(item);
        return this;
    }

    public Seq AddIf(bool condition, Func<Node> item) => condition ? Add(item()) : this;

    public static Seq Of(params Node[] items)
    {
        var seq = new Seq();
        foreach (var item in items)
        {
            seq.Add(item);
        }

        return seq;
    }

    public static Seq Of(params string[] items)
    {
        var seq = new Seq();
        foreach (var item in items)
        {
            seq.Add(Scalar.Of(item));
        }

        return seq;
    }
}
