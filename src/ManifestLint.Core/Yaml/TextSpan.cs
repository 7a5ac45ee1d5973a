namespace ManifestLint.Core.Yaml;

/// <summary>A 1-based line and column. Columns count UTF-16 code units, as SARIF's default columnKind does.</summary>
public readonly record struct SourcePosition(int Line, int Column) : IComparable<SourcePosition>
{
    public int CompareTo(SourcePosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A range in a file; <see cref="End"/> is exclusive (the position after the last character).</summary>
public readonly record struct TextSpan(SourcePosition Start, SourcePosition End)
{
    public static TextSpan At(int line, int column) => new(new(line, column), new(line, column + 1));

    public override string ToString() => $"{Start}-{End}";
}
