namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Golden files under tests/ManifestLint.Cli.Tests/Golden/. Rules are added often, and each changes some
/// golden: run the tests once with UPDATE_GOLDEN=1 to rewrite them, then review the diff.
/// </summary>
public static class Golden
{
    public static string Directory => TestPaths.InRepository("tests", "ManifestLint.Cli.Tests", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void Match(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.IsTrue(File.Exists(path), $"Golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"Output differs from {path} (run with UPDATE_GOLDEN=1 to accept the new output, then review the diff).\n{FirstDifference(expected, actual)}\n--- actual ---\n{actual}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var a = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return "";
    }
}
