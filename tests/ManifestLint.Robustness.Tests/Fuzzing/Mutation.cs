using System.Text;

namespace ManifestLint.Robustness.Tests.Fuzzing;

public enum MutationKind
{
    /// <summary>Cut the file at a point: an interrupted download, a half-written file.</summary>
    Truncate,

    /// <summary>Insert a chunk of another seed: a bad merge, a paste into the wrong place.</summary>
    Splice,

    /// <summary>XOR one byte: corruption, a stray keystroke, a broken multi-byte character.</summary>
    FlipByte,

    /// <summary>Shift the indentation of a run of lines by a few spaces: the commonest YAML editing mistake.</summary>
    Reindent,

    /// <summary>Re-indent the whole file at another width (2 → 3 or 4 spaces), as a formatter would.</summary>
    ReindentAll,

    /// <summary>Replace a line's leading spaces with a tab.</summary>
    TabIndent,

    /// <summary>Remove a range of bytes.</summary>
    Delete,

    /// <summary>Repeat a range of bytes right after itself: duplicated keys, documents, list items.</summary>
    Duplicate,

    /// <summary>Insert one of a set of YAML-significant tokens (anchors, aliases, flow brackets, BOMs, NULs, template braces).</summary>
    InsertToken,

    /// <summary>Convert line endings: CRLF (Windows) or lone CR (classic Mac).</summary>
    LineEndings,
}

/// <summary>
/// One edit of a manifest. Positions are in ten-thousandths of the current length, so that a mutation is meaningful
/// on any seed and a failing case is reproducible from its printed form alone.
/// </summary>
public sealed record Mutation(MutationKind Kind, int At, int Length = 0, int Other = 0, int Value = 0)
{
    public const int Scale = 10_000;

    /// <summary>Tokens that mean something to a YAML scanner, or to our loader, or to neither but should not hurt.</summary>
    public static readonly IReadOnlyList<string> Tokens =
    [
        "&a ", "*a", "<<: *a\n", "\n---\n", "\n...\n", "{", "}", "[", "]", ": ", "- ", "? ", ",", "#", " #", "|\n", ">-\n", "\"", "'",
        "!!binary ", "!!str ", "!custom ", "%YAML 1.2\n---\n", "%TAG ! tag:example.com,2000:\n", "\t", "\r", "\n", "\uFEFF", "\0",
        "{{ .Values.image }}", "\u2028", "\u0085", "😀", "~", "null", "0x1F", "1e400", "-.inf", "kind: List\nitems:\n",
        "apiVersion: v1\n", "kind: Service\n", "metadata:\n  name: x\n", "&b [*b]", "*undefined",
    ];

    public byte[] Apply(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var at = Position(input.Length);
        switch (Kind)
        {
            case MutationKind.Truncate:
                return input[..at];
            case MutationKind.Splice:
                var other = seeds[Other % seeds.Count];
                var from = (int)((long)Value * other.Length / Scale);
                var length = Math.Min(Length, other.Length - from);
                return [.. input.AsSpan(0, at), .. other.AsSpan(from, length), .. input.AsSpan(at)];
            case MutationKind.FlipByte:
                if (input.Length == 0)
                {
                    return input;
                }

                var flipped = (byte[])input.Clone();
                flipped[Math.Min(at, input.Length - 1)] ^= (byte)Math.Max(1, Value & 0xFF);
                return flipped;
            case MutationKind.Reindent:
                return EditLines(input, at, Length, line => Shift(line, Value));
            case MutationKind.ReindentAll:
                return EditLines(input, 0, int.MaxValue, line => Widen(line, Value));
            case MutationKind.TabIndent:
                return EditLines(input, at, 1, line => "\t" + line.TrimStart(' '));
            case MutationKind.Delete:
                return [.. input.AsSpan(0, at), .. input.AsSpan(Math.Min(input.Length, at + Length))];
            case MutationKind.Duplicate:
                var end = Math.Min(input.Length, at + Length);
                return [.. input.AsSpan(0, end), .. input.AsSpan(at, end - at), .. input.AsSpan(end)];
            case MutationKind.InsertToken:
                return [.. input.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Tokens[Other % Tokens.Count]), .. input.AsSpan(at)];
            case MutationKind.LineEndings:
                var text = Encoding.UTF8.GetString(input).ReplaceLineEndings("\n");
                return Encoding.UTF8.GetBytes(text.Replace("\n", Value % 2 == 0 ? "\r\n" : "\r", StringComparison.Ordinal));
            default:
                throw new InvalidOperationException($"Unknown mutation {Kind}");
        }
    }

    public override string ToString() => Kind switch
    {
        MutationKind.Truncate => $"Truncate(at {At})",
        MutationKind.Splice => $"Splice(at {At}, {Length} bytes of seed {Other} from {Value})",
        MutationKind.FlipByte => $"FlipByte(at {At}, ^0x{Value:X2})",
        MutationKind.Reindent => $"Reindent(at {At}, {Length} lines by {Value:+0;-0})",
        MutationKind.ReindentAll => $"ReindentAll(×{Value}/2)",
        MutationKind.TabIndent => $"TabIndent(at {At})",
        MutationKind.Delete => $"Delete(at {At}, {Length} bytes)",
        MutationKind.Duplicate => $"Duplicate(at {At}, {Length} bytes)",
        MutationKind.InsertToken => $"InsertToken(at {At}, {Escape(Tokens[Other % Tokens.Count])})",
        MutationKind.LineEndings => Value % 2 == 0 ? "LineEndings(CRLF)" : "LineEndings(CR)",
        _ => Kind.ToString(),
    };

    private int Position(int length) => (int)((long)Math.Clamp(At, 0, Scale) * length / Scale);

    /// <summary>Applies <paramref name="edit"/> to <paramref name="count"/> lines from the one holding byte <paramref name="at"/>; bytes outside them are kept as they are.</summary>
    private static byte[] EditLines(byte[] input, int at, int count, Func<string, string> edit)
    {
        var start = at == 0 ? 0 : input.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
        var end = start;
        for (var i = 0; i < count && end < input.Length; i++)
        {
            var next = input.AsSpan(end).IndexOf((byte)'\n');
            end = next < 0 ? input.Length : end + next + 1;
        }

        // Lines are edited as text only in their leading white space, so invalid UTF-8 elsewhere survives byte for byte.
        var edited = new List<byte>(input.Length + 64);
        edited.AddRange(input.AsSpan(0, start));
        foreach (var line in Lines(input.AsSpan(start, end - start)))
        {
            var indent = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
            indent = indent < 0 ? line.Length : indent;
            var newIndent = edit(Encoding.ASCII.GetString(line[..indent]) + "x");
            edited.AddRange(Encoding.ASCII.GetBytes(newIndent[..^1]));
            edited.AddRange(line[indent..]);
        }

        edited.AddRange(input.AsSpan(end));
        return [.. edited];
    }

    private static List<byte[]> Lines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<byte[]>();
        while (bytes.Length > 0)
        {
            var next = bytes.IndexOf((byte)'\n');
            var length = next < 0 ? bytes.Length : next + 1;
            lines.Add(bytes[..length].ToArray());
            bytes = bytes[length..];
        }

        return lines;
    }

    private static string Shift(string line, int delta) =>
        delta >= 0 ? new string(' ', delta) + line : line[Math.Min(-delta, line.Length - line.TrimStart(' ').Length)..];

    private static string Widen(string line, int factor)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return new string(' ', spaces * factor / 2) + line[spaces..];
    }

    private static string Escape(string token) =>
        "\"" + string.Concat(token.Select(c => c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\0' => "\\0",
            _ when c > 126 => $"\\u{(int)c:X4}",
            _ => c.ToString(),
        })) + "\"";
}
