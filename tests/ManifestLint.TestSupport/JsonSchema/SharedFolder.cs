namespace ManifestLint.TestSupport.JsonSchema;

/// <summary>
/// Finds the project's shared/ folder, which sits beside the repository (…/main next to …/shared) both on
/// developer machines and in CI's fresh clone, by walking up from the test binaries.
/// </summary>
public static class SharedFolder
{
    /// <summary>Full path of <paramref name="relativePath"/> under the shared/ folder beside the repository (see <see cref="TestPaths"/>).</summary>
    public static string Locate(string relativePath) => Locate(relativePath, TestPaths.RepositoryRoot);

    /// <summary>As <see cref="Locate(string)"/>, starting from <paramref name="startDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">No ancestor has a sibling shared/ containing the path.</exception>
    public static string Locate(string relativePath, string startDirectory)
    {
        var relative = relativePath.Replace('/', Path.DirectorySeparatorChar);
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Could not find 'shared/{relativePath}' in any folder above '{startDirectory}'. " +
            "The tests expect the shared/ folder beside the repository checkout (e.g. /work/main and /work/shared).",
            relativePath);
    }
}
