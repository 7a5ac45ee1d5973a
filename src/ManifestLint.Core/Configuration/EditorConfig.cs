using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ManifestLint.Core.Configuration;

/// <summary>One .editorconfig file: its sections in order, each a glob and its properties.</summary>
public sealed record EditorConfigFile(string Directory, bool IsRoot, IReadOnlyList<EditorConfigSection> Sections)
{
    public static EditorConfigFile Parse(string directory, string text)
    {
        var sections = new List<EditorConfigSection>();
        var isRoot = false;
        EditorConfigSection? current = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = new EditorConfigSection(line[1..^1], EditorConfigGlob.ToRegex(line[1..^1]), []);
                sections.Add(current);
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            // Inline comments are allowed after a space (EditorConfig 0.15+).
            var comment = value.IndexOfAny(['#', ';']);
            if (comment > 0 && char.IsWhiteSpace(value[comment - 1]))
            {
                value = value[..comment].TrimEnd();
            }

            if (current is null)
            {
                isRoot |= key == "root" && value.Equals("true", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                current.Properties.Add(new EditorConfigProperty(key, value, lineNumber));
            }
        }

        return new EditorConfigFile(directory, isRoot, sections);
    }
}

public sealed record EditorConfigSection(string Glob, Regex Matcher, List<EditorConfigProperty> Properties);

public sealed record EditorConfigProperty(string Key, string Value, int Line);

/// <summary>Finds and caches the .editorconfig files that apply to a path, nearest last (so nearest wins).</summary>
public sealed class EditorConfigResolver
{
    private readonly ConcurrentDictionary<string, EditorConfigFile?> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EditorConfigFile[]> _chains = new(StringComparer.Ordinal);

    /// <summary>Properties that apply to the file, in increasing precedence (later entries win).</summary>
    public IReadOnlyList<(EditorConfigProperty Property, string ConfigPath)> PropertiesFor(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        var chain = directory is null ? [] : _chains.GetOrAdd(directory, ChainOf);
        if (chain.Length == 0)
        {
            return [];
        }

        var result = new List<(EditorConfigProperty, string)>();
        foreach (var file in chain)
        {
            var relative = Path.GetRelativePath(file.Directory, fullPath).Replace('\\', '/');
            foreach (var section in file.Sections.Where(s => s.Matcher.IsMatch(relative)))
            {
                result.AddRange(section.Properties.Select(p => (p, Path.Combine(file.Directory, ".editorconfig"))));
            }
        }

        return result;
    }

    // The files that apply in a directory, farthest first: asked once per directory, not once per file and rule (a run
    // asks for every file of the input and every rule, and most directories have none).
    private EditorConfigFile[] ChainOf(string directory)
    {
        var chain = new List<EditorConfigFile>();
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Load(dir) is { } file)
            {
                chain.Add(file);
                if (file.IsRoot)
                {
                    break;
                }
            }
        }

        chain.Reverse();
        return [.. chain];
    }

    private EditorConfigFile? Load(string directory) => _files.GetOrAdd(directory, static dir =>
    {
        var path = Path.Combine(dir, ".editorconfig");
        try
        {
            return File.Exists(path) ? EditorConfigFile.Parse(dir, File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });
}

/// <summary>EditorConfig section globs: *, **, ?, [set], {a,b}, {1..3}; a glob without '/' matches a file name anywhere.</summary>
public static class EditorConfigGlob
{
    private const int MaxRangeSize = 10_000;

    public static Regex ToRegex(string glob)
    {
        var anchored = glob.Contains('/');
        if (glob.StartsWith('/'))
        {
            glob = glob[1..];
        }

        return new Regex((anchored ? "^" : "(^|/)") + Pattern(glob) + "$", RegexOptions.CultureInvariant);
    }

    /// <summary>The glob as an unanchored pattern, so that a {a,b} alternative can sit in the middle of a name.</summary>
    private static string Pattern(string glob)
    {
        var pattern = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        pattern.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    pattern.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '{':
                    var end = glob.IndexOf('}', i + 1);
                    if (end < 0)
                    {
                        pattern.Append("\\{");
                        break;
                    }

                    var body = glob[(i + 1)..end];
                    var range = Regex.Match(body, "^(-?\\d+)\\.\\.(-?\\d+)$");
                    // A range is spelled out as alternatives; one too wide for that (a typo such as {1..99999999999})
                    // must not crash the run, so it matches nothing instead.
                    if (range.Success &&
                        int.TryParse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var lo) &&
                        int.TryParse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture, out var hi) &&
                        Math.Abs((long)hi - lo) < MaxRangeSize)
                    {
                        pattern.Append('(').Append(string.Join('|', Enumerable.Range(Math.Min(lo, hi), Math.Abs(hi - lo) + 1))).Append(')');
                    }
                    else if (range.Success)
                    {
                        pattern.Append("(?!)");
                    }
                    else
                    {
                        pattern.Append('(').Append(string.Join('|', body.Split(',').Select(Pattern))).Append(')');
                    }

                    i = end;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return pattern.ToString();
    }
}
