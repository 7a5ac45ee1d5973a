using System.Diagnostics;
using System.Globalization;

namespace ManifestLint.Benchmarks;

/// <summary>One whole-process measurement: wall time from start to exit, and the peak resident set size.</summary>
public sealed record ProcessMeasurement(TimeSpan Wall, long PeakRssBytes, int ExitCode, string StandardError);

/// <summary>
/// Runs a command as a child process and measures it whole: runtime start-up, JIT and exit included, as a CI step
/// sees it. Peak memory comes from the kernel's own accounting: /usr/bin/time's maximum RSS (getrusage) when it is
/// installed, otherwise VmHWM from /proc polled every few milliseconds (which can miss a peak in the last moments).
/// </summary>
public static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool HasGnuTime => File.Exists(GnuTime);

    public static ProcessMeasurement Run(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var rssFile = HasGnuTime ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(rssFile is null ? fileName : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (rssFile is not null)
        {
            foreach (var argument in (string[])["-f", "%M", "-o", rssFile, fileName])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tiered compilation and GC settings stay at their defaults: we measure the tool as users run it.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        long polledPeak = 0;
        while (!process.WaitForExit(5))
        {
            if (rssFile is null)
            {
                polledPeak = Math.Max(polledPeak, ReadHighWaterMark(process.Id));
            }
        }

        process.WaitForExit();
        var wall = clock.Elapsed;
        stdout.Wait();
        var error = stderr.Result;
        var peak = rssFile is null ? polledPeak : ReadGnuTimeKilobytes(rssFile) * 1024;
        if (rssFile is not null)
        {
            File.Delete(rssFile);
        }

        return new ProcessMeasurement(wall, peak, process.ExitCode, error);
    }

    private static long ReadGnuTimeKilobytes(string file)
    {
        // The last line is ours; a failing command makes time(1) add "Command exited with non-zero status" first.
        var last = File.ReadAllLines(file).LastOrDefault(l => l.Length > 0) ?? "0";
        return long.Parse(last.Trim(), CultureInfo.InvariantCulture);
    }

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between polls.
        }

        return 0;
    }
}
