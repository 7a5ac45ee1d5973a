namespace ManifestLint.Core.Loading;

/// <summary>
/// YamlDotNet rejects a literal block scalar whose first line holds only spaces ("found extra spaces in first line"),
/// even when they are no more than the content's indentation, as in Helm's rendering of istio's loki addon:
/// <code>
///   config.yaml: |
///     (four spaces)
///     auth_enabled: false
/// </code>
/// YAML 1.2 reads such a line as an empty line of the scalar, and go-yaml (so kubectl) accepts it. Where the parser
/// fails so, the reader moves those spaces to the end of the header line ("config.yaml: |    ", where trailing spaces mean
/// nothing) and reads the document again: a leading empty line contributes a line break whatever spaces it holds, so
/// the value is the same, and the text keeps its length and every line its number and columns. Only lines no wider than
/// the content's indentation are emptied (or any, when the scalar has no content line); wider ones would be content
/// under another reading, and stay an error.
/// </summary>
internal static class BlockScalarLeadingLines
{
    /// <summary>A repair: the header line's end (before its line break) and the space-only lines after it, up to the content.</summary>
    public readonly record struct Repair(int HeaderStart, int HeaderEnd, int ContentStart);

    /// <summary>
    /// How many characters repairs may read again in a file: each reads its document again. Real files need one repair
    /// per such block, and each document is read again at most once per block; input built to need thousands of repairs
    /// in one huge document keeps its errors instead of taking quadratic time.
    /// </summary>
    public static long WorkBudget(int textLength) => 4L * textLength + 1_000_000;

    public static bool IsTheirError(string message) => message.Contains("found extra spaces in first line", StringComparison.Ordinal);

    /// <summary>
    /// The repair of the block scalar whose leading lines end just above <paramref name="errorLine"/> (1-based, counted
    /// from <paramref name="segmentStart"/>); null when there is nothing there that can safely be emptied.
    /// </summary>
    public static Repair? Find(ReadOnlySpan<char> text, int segmentStart, int errorLine)
    {
        var errorStart = StartOfLine(text, segmentStart, errorLine);
        if (errorStart < 0)
        {
            return null;
        }

        // The header is the nearest line above that holds more than spaces.
        var headerStart = errorStart;
        do
        {
            if (headerStart <= segmentStart)
            {
                return null;
            }

            var previousLineEnd = headerStart - 1;
            headerStart = previousLineEnd == 0 ? 0 : Math.Max(text[..previousLineEnd].LastIndexOf('\n') + 1, segmentStart);
        }
        while (IsBlank(LineAt(text, headerStart)));

        var header = LineAt(text, headerStart);
        if (!IsBlockScalarHeader(header))
        {
            return null;
        }

        var firstLeading = NextLineStart(text, headerStart);
        var contentStart = firstLeading;
        var widest = 0;
        while (contentStart < text.Length && IsBlank(LineAt(text, contentStart)))
        {
            widest = Math.Max(widest, LineAt(text, contentStart).Length);
            contentStart = NextLineStart(text, contentStart);
        }

        var contentIndentation = contentStart < text.Length ? Indentation(LineAt(text, contentStart)) : 0;
        var hasContent = contentIndentation > Indentation(header);
        return widest == 0 || hasContent && widest > contentIndentation ? null : new Repair(headerStart, headerStart + header.Length, contentStart);
    }

    /// <summary>Moves the spaces of the leading lines to the end of the header line, in place: same length, same lines.</summary>
    public static void Apply(Span<char> text, Repair repair)
    {
        var region = text[repair.HeaderEnd..repair.ContentStart];
        var spaces = region.Count(' ');
        Span<char> rearranged = region.Length <= 1024 ? stackalloc char[region.Length] : new char[region.Length];
        rearranged[..spaces].Fill(' ');
        var written = spaces;
        foreach (var c in region)
        {
            if (c != ' ')
            {
                rearranged[written++] = c; // the line breaks, in order
            }
        }

        rearranged.CopyTo(region);
    }

    /// <summary>"key: |", "- >-", "--- |+", with an optional comment; not one with an explicit indentation (which YamlDotNet reads right).</summary>
    private static bool IsBlockScalarHeader(ReadOnlySpan<char> line)
    {
        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        line = (comment >= 0 ? line[..comment] : line).TrimEnd(' ');
        if (line.Length > 0 && line[^1] is '+' or '-')
        {
            line = line[..^1];
        }

        return line.Length > 0 && line[^1] is '|' or '>' && (line.Length == 1 || line[^2] is ' ' or '\t');
    }

    private static int StartOfLine(ReadOnlySpan<char> text, int segmentStart, int line)
    {
        var index = segmentStart;
        for (var current = 1; current < line; current++)
        {
            var next = text[index..].IndexOf('\n');
            if (next < 0)
            {
                return -1;
            }

            index += next + 1;
        }

        return index;
    }

    private static int NextLineStart(ReadOnlySpan<char> text, int lineStart)
    {
        var end = text[lineStart..].IndexOf('\n');
        return end < 0 ? text.Length : lineStart + end + 1;
    }

    /// <summary>The line without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(ReadOnlySpan<char> text, int lineStart)
    {
        var end = text[lineStart..].IndexOf('\n');
        var line = end < 0 ? text[lineStart..] : text.Slice(lineStart, end);
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    private static bool IsBlank(ReadOnlySpan<char> line) => line.IndexOfAnyExcept(' ') < 0;

    private static int Indentation(ReadOnlySpan<char> line)
    {
        var indentation = line.IndexOfAnyExcept(' ');
        return indentation < 0 ? line.Length : indentation;
    }
}
