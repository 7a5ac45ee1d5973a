using System.CommandLine;
using System.CommandLine.Parsing;

namespace ManifestLint.Cli;

/// <summary>One format to write, and where: a file, or standard output when <see cref="Path"/> is null.</summary>
public sealed record OutputTarget(string Format, string? Path);

/// <summary>
/// Pairs <c>--format</c> and <c>--output</c> in command-line order: each <c>--output FILE</c> receives the format
/// named by the <c>--format</c> just before it, so one run can write several formats. Without any
/// <c>--format</c>, an <c>--output</c> receives text.
/// </summary>
public static class OutputTargets
{
    public const string DefaultFormat = "text";

    /// <exception cref="UsageException">The options do not pair up.</exception>
    public static IReadOnlyList<OutputTarget> Resolve(ParseResult parse, Option<string[]> format, Option<string[]> output)
    {
        // Values come from the parser (which already validated and split "--format=x"); tokens only give the order.
        var formats = parse.GetValue(format) ?? [];
        var outputs = parse.GetValue(output) ?? [];
        int nextFormat = 0, nextOutput = 0;
        var targets = new List<OutputTarget>();
        foreach (var token in parse.Tokens.Where(t => t.Type == TokenType.Option))
        {
            if (Names(format, token.Value) && nextFormat < formats.Length)
            {
                targets.Add(new OutputTarget(formats[nextFormat++], null));
            }
            else if (Names(output, token.Value) && nextOutput < outputs.Length)
            {
                var path = outputs[nextOutput++];
                if (targets.Count == 0 && formats.Length == 0)
                {
                    targets.Add(new OutputTarget(DefaultFormat, null));
                }

                if (targets.Count == 0 || targets[^1].Path is not null)
                {
                    throw new UsageException($"--output {path}: put it after the --format it should write (each --output needs its own --format)");
                }

                targets[^1] = targets[^1] with { Path = path };
            }
        }

        if (targets.Count == 0)
        {
            targets.Add(new OutputTarget(DefaultFormat, null));
        }

        if (targets.Count(t => t.Path is null) > 1)
        {
            throw new UsageException("only one format can be written to standard output; give the others --output FILE");
        }

        var duplicate = targets.Where(t => t.Path is not null).GroupBy(t => Path.GetFullPath(t.Path!)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UsageException($"--output {duplicate.First().Path} is given more than once");
        }

        return targets;
    }

    private static bool Names(Option option, string token) => option.Name == token || option.Aliases.Contains(token);
}
