namespace ManifestLint.TestSupport;

/// <summary>Where the repository and the shared material (../shared beside the repository) are, seen from a test.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> LazyRepositoryRoot = new(() =>
    {
        // Stamped at build time (tests/Directory.Build.props), so tests built into any --artifacts-path still find the sources.
        var stamped = typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "ManifestLint.sln")))
        {
            return Path.GetFullPath(stamped);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ManifestLint.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ManifestLint.sln not found above {AppContext.BaseDirectory}");
    });

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    public static string Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(shared) ? shared : throw new InvalidOperationException($"The shared material is expected at {shared}");
        }
    }

    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    public static string InShared(params string[] parts) => Path.Combine([Shared, .. parts]);
}
