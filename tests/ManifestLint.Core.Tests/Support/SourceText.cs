using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Tests.Support;

/// <summary>
/// Reads back the text a span covers, using the documented convention (1-based lines and columns in UTF-16 code
/// units, end exclusive), so a test can say "this span covers exactly `settings`".
/// </summary>
internal static class SourceText
{
    public static string Of(string text, TextSpan span)
    {
        var lines = text.Split('\n');
        if (span.Start.Line == span.End.Line)
        {
            return lines[span.Start.Line - 1][(span.Start.Column - 1)..(span.End.Column - 1)];
        }

        var parts = new List<string> { lines[span.Start.Line - 1][(span.Start.Column - 1)..] };
        for (var line = span.Start.Line + 1; line < span.End.Line; line++)
        {
            parts.Add(lines[line - 1]);
        }

        parts.Add(lines[span.End.Line - 1][..(span.End.Column - 1)]);
        return string.Join('\n', parts);
    }
}
