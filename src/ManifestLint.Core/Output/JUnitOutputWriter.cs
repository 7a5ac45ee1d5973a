using System.Globalization;
using System.Text;
using System.Xml;
using ManifestLint.Core.Engine;

namespace ManifestLint.Core.Output;

/// <summary>
/// JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines): one test suite per file, and
/// in it one test case per Kubernetes object the file defines, named <c>Kind/namespace/name</c>. A case fails with
/// every finding on its object (of any rule; the failure message starts with the rule ID), and is skipped when all of
/// them are suppressed or baselined. A file gets a case of its own, named after the file, only when something is
/// wrong with the file itself (input and engine rules, ML9xxx, such as a YAML syntax error). So the count is what a
/// reader expects: as many cases as objects (5 for samples/), plus one per broken file. Why per object rather than
/// per rule and object: GitLab and Azure Pipelines list every case flat, and Jenkins builds its tree from
/// <c>classname</c> (here the file); 29 rules times every object buried the failures among passes that checked
/// nothing. The output is valid against the Jenkins xUnit plugin's JUnit schema (the test project holds the XSD):
/// no attribute outside it (so the file is the suite's <c>file</c> and each case's <c>classname</c>, not a case
/// attribute). Times are always 0 so that the same input gives the same bytes.
/// </summary>
public sealed class JUnitOutputWriter : IOutputWriter
{
    public void Write(AnalysisResult result, TextWriter output, OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        var paths = new ArtifactPaths(result, context);
        var diagnostics = result.Diagnostics.Where(d => d.Severity != Severity.Hidden).ToList();
        var findings = diagnostics.ToLookup(SubjectOf);

        // Every object of the run, in the order it was read, then whatever else findings are about (a file, the run).
        var subjects = result.Index.Resources
            .Select(r => new Subject(r.File.Path, r.Reference.ToString()))
            .Concat(diagnostics.Select(SubjectOf).OrderBy(s => s.Name, StringComparer.Ordinal))
            .Distinct()
            .ToList();
        var suites = subjects
            .GroupBy(s => s.File)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(file => (File: file.Key, Cases: file.Select(subject => new TestCase(subject, [.. findings[subject]])).ToList()))
            .ToList();

        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        // The declaration is written by hand: XmlWriter would name the TextWriter's encoding (UTF-16 for a
        // StringWriter), while the CLI always writes files as UTF-8.
        output.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", context.ToolName);
            var all = suites.SelectMany(s => s.Cases).ToList();
            xml.WriteAttributeString("tests", Number(all.Count));
            xml.WriteAttributeString("failures", Number(all.Count(c => c.Active.Count > 0)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", "0");
            foreach (var (file, cases) in suites)
            {
                var display = file.Length > 0 ? Clean(paths.Display(file)) : RunSubject;
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", display);
                xml.WriteAttributeString("tests", Number(cases.Count));
                xml.WriteAttributeString("failures", Number(cases.Count(c => c.Active.Count > 0)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", Number(cases.Count(c => c.Active.Count == 0 && c.Findings.Count > 0)));
                xml.WriteAttributeString("time", "0");
                if (file.Length > 0)
                {
                    xml.WriteAttributeString("file", display);
                }

                foreach (var testCase in cases)
                {
                    WriteTestCase(xml, testCase, display, paths);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        output.Write('\n');
    }

    private const string RunSubject = "(run)";

    private static bool IsFileRule(RuleDescriptor rule) => rule.Category is RuleCategories.Input or RuleCategories.Engine;

    /// <summary>The object a finding is about; the file itself for input and engine findings and findings on no object.</summary>
    private static Subject SubjectOf(Diagnostic diagnostic) =>
        !IsFileRule(diagnostic.Rule) && diagnostic.Resource is { } resource
            ? new Subject(diagnostic.Location.Path, resource.ToString())
            : new Subject(diagnostic.Location.Path, null);

    private static void WriteTestCase(XmlWriter xml, TestCase testCase, string file, ArtifactPaths paths)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", testCase.Subject.Name is { } name ? Clean(name) : file);
        xml.WriteAttributeString("classname", file);
        xml.WriteAttributeString("time", "0");
        if (testCase.Active.Count > 0)
        {
            // The most severe first: the message is what a CI page shows of a failure.
            var active = testCase.Active.OrderByDescending(d => d.Severity).ThenBy(d => d, DiagnosticOrder.Instance).ToList();
            var more = active.Count > 1 ? $" (and {active.Count - 1} more)" : "";
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean($"{active[0].Id}: {active[0].Message}{more}"));
            xml.WriteAttributeString("type", active[0].Severity.ToDisplayString());
            xml.WriteString(Clean(string.Join("\n\n", active.Select(d => Describe(d, paths)))));
            xml.WriteEndElement();
        }
        else if (testCase.Findings.Count > 0)
        {
            var reasons = testCase.Findings.Select(d => d.Suppression?.Justification).Where(j => j is not null).Distinct();
            var why = testCase.Findings.All(d => d.IsBaselined) ? "in the baseline" : "suppressed";
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", Clean(why + (reasons.Any() ? ": " + string.Join("; ", reasons) : "")));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>One finding as the text output words it, without the source excerpt.</summary>
    private static string Describe(Diagnostic diagnostic, ArtifactPaths paths)
    {
        var location = diagnostic.Location;
        var text = new StringBuilder();
        if (location.Path.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{paths.Display(location.Path)}:{location.Span.Start.Line}:{location.Span.Start.Column}: ");
        }

        text.Append(CultureInfo.InvariantCulture, $"{diagnostic.Severity.ToDisplayString()} {diagnostic.Id}: {diagnostic.Message}");
        if (location.HelmSource is { } helm)
        {
            text.Append(CultureInfo.InvariantCulture, $" (from chart template {helm})");
        }

        foreach (var related in diagnostic.RelatedLocations)
        {
            text.Append("\n  = note: ").Append(TextOutputWriter.RelatedNote(related, paths));
        }

        if ((diagnostic.Help ?? diagnostic.Rule.HelpText) is { } help)
        {
            text.Append("\n  = help: ").Append(help);
        }

        return text.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry some control characters (or lone surrogates) that YAML text may contain; they become U+FFFD.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return clean.ToString();
    }

    /// <summary>What a test case is about: an object ("Service/ml/api") in a file, or (<see cref="Name"/> null) the file itself.</summary>
    private readonly record struct Subject(string File, string? Name);

    private sealed record TestCase(Subject Subject, IReadOnlyList<Diagnostic> Findings)
    {
        public IReadOnlyList<Diagnostic> Active { get; } = [.. Findings.Where(d => !d.IsSuppressed && !d.IsBaselined)];
    }
}
