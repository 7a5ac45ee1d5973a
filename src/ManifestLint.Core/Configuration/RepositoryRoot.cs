namespace ManifestLint.Core.Configuration;

/// <summary>
/// The directory output paths are relative to. GitHub code scanning and workflow annotations want paths relative
/// to the repository root, so by default it is the nearest directory above the current one that holds
/// <c>.git</c> (a folder, or a file in worktrees and submodules), else the current directory.
/// </summary>
public static class RepositoryRoot
{
    public static string Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (IsRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return Path.GetFullPath(startDirectory);
    }

    public static bool IsRoot(string directory)
    {
        var git = Path.Combine(directory, ".git");
        return Directory.Exists(git) || File.Exists(git);
    }
}
