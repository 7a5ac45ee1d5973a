using System.Text;

namespace ManifestLint.CorpusGenerator.Emit;

/// <summary>
/// A StringBuilder that counts lines as they are written, so fault positions come from the emitted text itself
/// rather than from a guess about how the emitter lays things out. Callers never pass '\n' to <see cref="Append(string)"/>;
/// every line break goes through <see cref="NewLine"/>.
/// </summary>
internal sealed class TextBuffer
{
    private readonly StringBuilder _text = new(32 * 1024);
    private readonly List<int> _markedLines = [];

    /// <summary>1-based number of the line currently being written.</summary>
    public int Line { get; private set; } = 1;

    public IReadOnlyList<int> MarkedLines => _markedLines;

    public void Mark() => _markedLines.Add(Line);

    public void Append(string text) => _text.Append(text);

    public void Append(char c) => _text.Append(c);

    public void Indent(int width) => _text.Append(' ', width);

    public void NewLine()
    {
        _text.Append('\n');
        Line++;
    }

    public void AppendLine(string text)
    {
        _text.Append(text);
        NewLine();
    }

    public override string ToString() => _text.ToString();

    public void Reset()
    {
        _text.Clear();
        _markedLines.Clear();
        Line = 1;
    }
}
