namespace ManifestLint.Core.Tests.Support;

/// <summary>A scratch directory for tests that need real files (collection, configuration discovery); deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("manifestlint-core-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string text)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        RestorePermissions(new DirectoryInfo(Path));
        Directory.Delete(Path, recursive: true);
    }

    /// <summary>Gives back the permissions a test may have removed (chmod 000), without following links, so deletion works.</summary>
    private static void RestorePermissions(DirectoryInfo directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo sub)
            {
                RestorePermissions(sub);
            }
            else
            {
                entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
        }
    }
}
