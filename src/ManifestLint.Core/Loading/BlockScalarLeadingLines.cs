using System.Text;

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
/// fails so, the reader empties those leading lines and reads the segment again: a leading empty line contributes a line
/// break whatever spaces it holds, so the value is the same, and every line keeps its number. Only lines no wider than
/// the content's indentation are emptied (or any, when the scalar has no content line); wider ones would be content
/// under another reading, and stay an error.
/// </summary>
internal static class BlockScalarLeadingLines
{
    /// <summary>Each repair reads a segment again; a file needing more than this many keeps its errors.</summary>
    public const int MaxRepairsPerFile = 100;

    public static bool IsTheirError(string message) => message.Contains("found extra spaces in first line", StringComparison.Ordinal);

    /// <summary>
    /// The text with the leading space-only lines of the block scalar just above <paramref name="errorLine"/> (1-based,
    /// counted from <paramref name="segmentStart"/>) emptied; null when there is nothing there that can safely be emptied.
    /// </summary>
    public static string? Repair(string text, int segmentStart, int errorLine)
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
            headerStart = previousLineEnd == 0 ? 0 : Math.Max(text.LastIndexOf('\n', previousLineEnd - 1) + 1, segmentStart);
        }
        while (IsBlank(LineAt(text, headerStart)));

        if (!IsBlockScalarHeader(LineAt(text, headerStart)))
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
        var hasContent = contentIndentation > Indentation(LineAt(text, headerStart));
        if (widest == 0 || hasContent && widest > contentIndentation)
        {
            return null;
        }

        var repaired = new StringBuilder(text.Length);
        repaired.Append(text, 0, firstLeading);
        for (var line = firstLeading; line < contentStart; line = NextLineStart(text, line))
        {
            var spaces = LineAt(text, line).Length;
            repaired.Append(text, line + spaces, NextLineStart(text, line) - line - spaces);
        }

        repaired.Append(text, contentStart, text.Length - contentStart);
        return repaired.ToString();
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

    private static int StartOfLine(string text, int segmentStart, int line)
    {
        var index = segmentStart;
        for (var current = 1; current < line; current++)
        {
            var next = text.IndexOf('\n', index);
            if (next < 0)
            {
                return -1;
            }

            index = next + 1;
        }

        return index;
    }

    private static int NextLineStart(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>The line without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        var line = text.AsSpan(lineStart, (end < 0 ? text.Length : end) - lineStart);
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    private static bool IsBlank(ReadOnlySpan<char> line) => line.IndexOfAnyExcept(' ') < 0;

    private static int Indentation(ReadOnlySpan<char> line)
    {
        var indentation = line.IndexOfAnyExcept(' ');
        return indentation < 0 ? line.Length : indentation;
    }
}
