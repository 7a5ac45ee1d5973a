namespace ManifestLint.Core.Model;

/// <summary>
/// Placeholders that a script fills in before a manifest is applied: sed or mustache style <c>{{name}}</c> and
/// <c>{{ name }}</c>, envsubst style <c>${NAME}</c>, and a scalar that is only <c>$NAME</c>. Such a file is a manifest
/// with some values unknown, not an unrendered Helm template: Helm's actions are never a bare identifier
/// (<c>{{ .Values.x }}</c>, <c>{{- if … }}</c>, <c>{{ include "x" . }}</c>, pipes), except the keywords listed here.
/// The loader reads each placeholder as part of a plain scalar, and rules treat a value holding one as unknown.
/// </summary>
public static class TemplatePlaceholders
{
    // What the loader puts in place of the braces while YAML is parsed, where '{' would open a flow mapping: private-use
    // characters, which YAML allows in plain scalars, one per brace so every line and column stays the same.
    private const char OpenBrace = '\uE000';
    private const char CloseBrace = '\uE001';

    /// <summary>Go template keywords: <c>{{ end }}</c> and <c>{{ else }}</c> are bare words, but they are Helm's.</summary>
    private static readonly HashSet<string> TemplateKeywords = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "nil",
    };

    /// <summary>Whether the value contains a placeholder, so that its real value is unknown.</summary>
    public static bool IsPlaceholder(string? value) =>
        value is not null && (value.Contains('{') && Placeholders(value).Any() || value.Length > 1 && value[0] == '$' && IdentifierLength(value, 1) == value.Length - 1);

    /// <summary>Where the first Go template action that is not a placeholder starts ("{{ .Values.x }}"), or -1.</summary>
    public static int IndexOfTemplateAction(string text)
    {
        for (var i = text.IndexOf("{{", StringComparison.Ordinal); i >= 0; i = text.IndexOf("{{", i + 2, StringComparison.Ordinal))
        {
            if (BracedPlaceholderLength(text, i) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The text with the braces of every placeholder replaced by characters a plain scalar may hold, same length; the text
    /// itself when it has none, or when it already holds those characters (it could not be told back exactly).
    /// </summary>
    internal static string Mask(string text)
    {
        // Most files have no placeholder: two vectorized searches decide it without walking every '{' of a JSON file.
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("${", StringComparison.Ordinal) || text.Contains(OpenBrace) || text.Contains(CloseBrace))
        {
            return text;
        }

        char[]? masked = null;
        foreach (var (index, length) in Placeholders(text))
        {
            masked ??= text.ToCharArray();
            for (var i = index; i < index + length; i++)
            {
                masked[i] = masked[i] switch
                {
                    '{' => OpenBrace,
                    '}' => CloseBrace,
                    var other => other,
                };
            }
        }

        return masked is null ? text : new string(masked);
    }

    /// <summary>A scalar read from masked text, as it was written.</summary>
    internal static string Unmask(string value) =>
        value.AsSpan().IndexOfAny(OpenBrace, CloseBrace) < 0 ? value : value.Replace(OpenBrace, '{').Replace(CloseBrace, '}');

    /// <summary>Every "{{ name }}" and "${NAME}" in the text, in order.</summary>
    private static IEnumerable<(int Index, int Length)> Placeholders(string text)
    {
        var i = text.IndexOf('{');
        while (i >= 0)
        {
            var (start, length) = i + 1 < text.Length && text[i + 1] == '{' ? (i, BracedPlaceholderLength(text, i))
                : i > 0 && text[i - 1] == '$' ? (i - 1, DollarPlaceholderLength(text, i - 1))
                : (i, 0);
            if (length > 0)
            {
                yield return (start, length);
            }

            var next = length > 0 ? start + length : i + 1;
            i = next < text.Length ? text.IndexOf('{', next) : -1;
        }
    }

    /// <summary>The length of "{{ name }}" (a bare identifier, not a template keyword) at <paramref name="index"/>, or 0.</summary>
    private static int BracedPlaceholderLength(string text, int index)
    {
        var i = SkipSpaces(text, index + 2);
        var nameLength = IdentifierLength(text, i);
        var name = text.AsSpan(i, nameLength);
        i = SkipSpaces(text, i + nameLength);
        return nameLength > 0 && string.CompareOrdinal(text, i, "}}", 0, 2) == 0 && !TemplateKeywords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name)
            ? i + 2 - index
            : 0;
    }

    /// <summary>The length of "${NAME}" at <paramref name="index"/> (the '$'), or 0.</summary>
    private static int DollarPlaceholderLength(string text, int index)
    {
        var nameLength = IdentifierLength(text, index + 2);
        var end = index + 2 + nameLength;
        return nameLength > 0 && end < text.Length && text[end] == '}' ? end + 1 - index : 0;
    }

    /// <summary>The length of the shell-style identifier ([A-Za-z_][A-Za-z0-9_]*) at <paramref name="index"/>, or 0.</summary>
    private static int IdentifierLength(string text, int index)
    {
        if (index >= text.Length || !(char.IsAsciiLetter(text[index]) || text[index] == '_'))
        {
            return 0;
        }

        var i = index + 1;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i - index;
    }

    private static int SkipSpaces(string text, int index)
    {
        while (index < text.Length && text[index] == ' ')
        {
            index++;
        }

        return index;
    }
}
