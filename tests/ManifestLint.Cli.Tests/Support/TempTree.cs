using System.Text;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>A throw-away directory of manifests, deleted when disposed.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "manifestlint-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public TempTree Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public TempTree WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    /// <summary>Copies a folder of the repository (such as samples) into the tree.</summary>
    public TempTree CopyFromRepository(string relative)
    {
        var source = TestPaths.InRepository(relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = PathOf(Path.Combine(relative, Path.GetRelativePath(source, file)));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return this;
    }

    public CliResult Run(params string[] args) => CliRun.Run(Root, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
