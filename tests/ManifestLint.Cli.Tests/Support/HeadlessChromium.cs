namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Opens a page in headless Chromium as a person's browser would (Debian's <c>chromium</c> package; <c>.ci/run</c> installs
/// it). Chromium's own <c>--dump-dom</c> and <c>--screenshot</c> are used rather than a driver: nothing to install but the
/// browser, and a virtual-time budget lets the page's scripts finish before the DOM is read. Without Chromium the test
/// fails and says how to install it: a report nobody looked at must not pass.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string?> Executable = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" }.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    });

    public static string RequireExecutable() => Executable.Value ??
        throw new AssertFailedException("Chromium was not found (looked for CHROMIUM, then chromium, chromium-browser, google-chrome on PATH). " +
            "Install it with `apt-get install -y chromium` (.ci/run does this when it is missing).");

    /// <summary>The DOM after the page's scripts ran, serialized.</summary>
    /// <remarks><paramref name="fragment"/> (such as <c>f1</c>) is appended to the page's address, as a link to a finding would.</remarks>
    public static string DumpDom(string htmlFile, string? fragment = null)
    {
        var result = Run(htmlFile, ["--dump-dom"], fragment);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.Contains("</html>", result.Out, "Chromium printed no DOM\n" + result);
        return result.Out;
    }

    /// <summary>A screenshot of the page's first 1400×1000 pixels, saved to <paramref name="pngFile"/>.</summary>
    public static void Screenshot(string htmlFile, string pngFile, string? fragment = null, int width = 1400, int height = 1000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngFile)!);
        var result = Run(htmlFile, [$"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars"], fragment);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.IsTrue(File.Exists(pngFile) && new FileInfo(pngFile).Length > 0, "no screenshot written\n" + result);
    }

    private static ProcessResult Run(string htmlFile, IEnumerable<string> args, string? fragment = null)
    {
        var chromium = RequireExecutable();
        var profile = Path.Combine(Path.GetTempPath(), "manifestlint-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            string[] common =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", $"--user-data-dir={profile}", "--virtual-time-budget=10000",
            ];
            return ProcessRunner.Run(chromium, [.. common, .. args, new Uri(htmlFile).AbsoluteUri + (fragment is null ? "" : "#" + fragment)], Path.GetDirectoryName(htmlFile)!,
                new Dictionary<string, string?>(), Limit);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; the temp folder is cleaned eventually.
            }
        }
    }
}
