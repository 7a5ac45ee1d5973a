using System.IO.Enumeration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using Microsoft.Extensions.FileSystemGlobbing;

namespace ManifestLint.Core.Loading;

public sealed record CollectedInputs(IReadOnlyList<InputFile> Files, IReadOnlyList<string> MissingPaths, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Expands the paths a user names into manifest files: directories recursively (*.yaml, *.yml, *.json),
/// following symbolic links once each so that a link loop cannot recurse forever. Output is sorted so
/// that runs are deterministic whatever the file system's enumeration order.
/// </summary>
public static class InputCollector
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules" };

    public static CollectedInputs Collect(IEnumerable<string> paths, string baseDirectory, IReadOnlyList<string>? ignoreGlobs = null)
    {
        var files = new SortedDictionary<string, InputFile>(StringComparer.Ordinal);
        var missing = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var ignore = BuildMatcher(ignoreGlobs);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, baseDirectory);
            if (File.Exists(full))
            {
                // A file named explicitly is analyzed whatever its extension.
                Add(files, full, baseDirectory, ignore);
            }
            else if (Directory.Exists(full))
            {
                Walk(full, baseDirectory, files, diagnostics, ignore);
            }
            else
            {
                missing.Add(path);
            }
        }

        return new CollectedInputs([.. files.Values], missing, diagnostics);
    }

    public static string DisplayPath(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        var display = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        return display.Replace('\\', '/');
    }

    private static Matcher? BuildMatcher(IReadOnlyList<string>? globs)
    {
        if (globs is null || globs.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var glob in globs)
        {
            matcher.AddInclude(glob);
            // "vendor" should ignore everything below vendor/, as .gitignore-style tools do.
            matcher.AddInclude(glob.TrimEnd('/') + "/**");
        }

        return matcher;
    }

    private static void Add(SortedDictionary<string, InputFile> files, string fullPath, string baseDirectory, Matcher? ignore)
    {
        var display = DisplayPath(fullPath, baseDirectory);
        if (ignore is not null && ignore.Match(display).HasMatches)
        {
            return;
        }

        files.TryAdd(display, new InputFile(new SourceFile(display, fullPath)));
    }

    private static void Walk(string root, string baseDirectory, SortedDictionary<string, InputFile> files, List<Diagnostic> diagnostics, Matcher? ignore)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            if (!visited.Add(RealPath(directory)))
            {
                continue;
            }

            try
            {
                // Sorted, and pushed in reverse so the walk visits folders in name order: when a link and its
                // target are both below the root, the same one is reported whatever the file system's order.
                // Names and kinds straight from the directory listing: a FileInfo per entry was most of the walk's time.
                var entries = new FileSystemEnumerable<(string Name, string FullPath, bool IsDirectory)>(directory,
                    (ref entry) => (entry.FileName.ToString(), entry.ToFullPath(), entry.IsDirectory),
                    new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
                    .OrderByDescending(e => e.Name, StringComparer.Ordinal).ToList();
                foreach (var (name, fullPath, isDirectory) in entries)
                {
                    if (isDirectory)
                    {
                        if (!SkippedDirectories.Contains(name))
                        {
                            pending.Push(fullPath);
                        }
                    }
                    else if (ManifestExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
                    {
                        Add(files, fullPath, baseDirectory, ignore);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                diagnostics.Add(new Diagnostic(CoreRules.FileUnreadable, CoreRules.FileUnreadable.DefaultSeverity,
                    $"Directory could not be read: {ex.Message}", new Location(DisplayPath(directory, baseDirectory), TextSpan.At(1, 1)), []));
            }
        }
    }

    private static string RealPath(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(directory);
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory);
        }
    }
}
