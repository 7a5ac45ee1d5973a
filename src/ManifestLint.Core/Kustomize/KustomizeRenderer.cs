using System.Diagnostics;
using System.Text;
using ManifestLint.Core.Loading;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Kustomize;

/// <summary>
/// One kustomization root as kustomize rendered it. <see cref="WorkDirectory"/> is the temporary folder whose
/// kustomization referred to the root: the origin paths kustomize writes are relative to it.
/// </summary>
public sealed record KustomizeBuild(string RootDisplayPath, string RootFullPath, string WorkDirectory, string RenderedDisplayPath);

/// <summary>The inputs to lint after rendering, the builds that replaced files, and what the user should be told.</summary>
public sealed record KustomizeRendering(IReadOnlyList<InputFile> Inputs, IReadOnlyList<KustomizeBuild> Builds, IReadOnlyList<string> Notes);

/// <summary>
/// Renders every kustomization root of the input with <c>kubectl kustomize</c> (or <c>kustomize build</c>), so that
/// the linter sees the objects as they will be applied: patches, name prefixes, generators and all. The user's tree is
/// never written to: each root is rendered through a temporary kustomization, outside it, that lists the root as its
/// only resource and asks for origin annotations (<c>buildMetadata: [originAnnotations]</c>), which say the file every
/// object came from, so that findings can be mapped back (<see cref="KustomizeOrigins"/>). The files kustomize read
/// are then not linted again as they are; everything else is. Without kubectl or kustomize on PATH, or when a build
/// fails, the files are linted as they are, and a note says so.
/// </summary>
public static class KustomizeRenderer
{
    public const string OriginAnnotation = "config.kubernetes.io/origin";

    /// <summary>Which kustomizations transformed an object (patches among them), from <c>buildMetadata: [transformerAnnotations]</c>.</summary>
    public const string TransformationsAnnotation = "alpha.config.kubernetes.io/transformations";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The display path of a rendered root: never a real file, and named so that a reader knows what it is.</summary>
    public static string RenderedPath(string rootDisplayPath) => (rootDisplayPath.Length == 0 ? "" : rootDisplayPath + "/") + "kustomization.yaml (rendered)";

    public static KustomizeRendering Render(IReadOnlyList<InputFile> inputs, string baseDirectory, Func<string, string?>? findExecutable = null)
    {
        var roots = inputs
            .Where(f => f.Source.FullPath is not null && KustomizationReader.IsKustomizationFileName(f.Source.Path))
            .Select(f => (Display: World.DeploymentUnits.FolderOf(f.Source.Path), Full: Path.GetDirectoryName(f.Source.FullPath!)!, File: f.Source.FullPath!))
            .DistinctBy(r => r.Full)
            .OrderBy(r => r.Display, StringComparer.Ordinal)
            .ToList();
        if (roots.Count == 0)
        {
            return new KustomizeRendering(inputs, [], []);
        }

        findExecutable ??= FindOnPath;
        var (tool, arguments) = findExecutable("kubectl") is { } kubectl ? (kubectl, "kustomize")
            : findExecutable("kustomize") is { } kustomize ? (kustomize, "build")
            : (null, "");
        if (tool is null)
        {
            return new KustomizeRendering(inputs, [],
                [$"--kustomize: neither kubectl nor kustomize is on PATH, so the {roots.Count} kustomization root(s) are linted as the files are, without rendering"]);
        }

        var notes = new List<string>();
        var builds = new List<KustomizeBuild>();
        var rendered = new List<InputFile>();
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (display, full, kustomizationFile) in roots)
        {
            var work = Path.Combine(Path.GetTempPath(), "manifestlint-kustomize-" + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(work);
                var relative = Path.GetRelativePath(work, full).Replace('\\', '/');
                File.WriteAllText(Path.Combine(work, "kustomization.yaml"),
                    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" +
                    $"resources:\n  - \"{relative}\"\nbuildMetadata: [originAnnotations, transformerAnnotations]\n");
                var (exitCode, output, error) = Run(tool, [arguments, work]);
                var shownRoot = display.Length == 0 ? "." : display;
                if (exitCode != 0)
                {
                    notes.Add($"--kustomize: `{Path.GetFileName(tool)} {arguments} {shownRoot}` failed, so its files are linted as they are: {FirstLine(error)}");
                    continue;
                }

                var build = new KustomizeBuild(display, full, work, RenderedPath(display));
                builds.Add(build);
                rendered.Add(InputFile.FromText(build.RenderedDisplayPath, output));
                consumed.Add(kustomizationFile);
                foreach (var origin in Origins(output))
                {
                    consumed.Add(Path.GetFullPath(origin, work));
                }

                // The root's patches are in its output too, and findings there are mapped back to them; alone, a patch is
                // only the fields it changes, not an object to judge.
                consumed.UnionWith(PatchesOf(display, kustomizationFile));
            }
            finally
            {
                TryDelete(work);
            }
        }

        var kept = inputs.Where(f => f.Source.FullPath is not { } path || !consumed.Contains(path));
        return new KustomizeRendering([.. kept, .. rendered], builds, notes);
    }

    /// <summary>The files the kustomization applies as patches (see <see cref="KustomizationReader.PatchPaths"/>), as full paths.</summary>
    private static IReadOnlyList<string> PatchesOf(string display, string kustomizationFile)
    {
        try
        {
            return YamlStreamReader.Read(File.ReadAllText(kustomizationFile)).Documents.FirstOrDefault()?.Root is Yaml.MappingNode root
                ? KustomizationReader.PatchPaths(new Model.SourceFile(display, kustomizationFile), root)
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The <c>path</c> of every origin annotation in rendered output.</summary>
    internal static IEnumerable<string> Origins(string rendered)
    {
        foreach (var document in YamlStreamReader.Read(rendered).Documents)
        {
            if (document.Root is MappingNode root && root.StringAt("metadata", "annotations", OriginAnnotation) is { } origin && OriginPath(origin) is { } path)
            {
                yield return path;
            }
        }
    }

    /// <summary>The <c>path:</c> of an origin annotation ("path: ../base/deployment.yaml\n"); null for generated objects.</summary>
    public static string? OriginPath(string annotation)
    {
        foreach (var line in annotation.Split('\n'))
        {
            if (line.StartsWith("path:", StringComparison.Ordinal))
            {
                return line["path:".Length..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }


    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";

    private static (int ExitCode, string Output, string Error) Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"timed out after {BuildTimeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>The full path of an executable on PATH (with Windows' extensions), or null.</summary>
    public static string? FindOnPath(string name)
    {
        var extensions = OperatingSystem.IsWindows() ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE").Split(';') : [""];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
