using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Every JUnit report a test produces goes through <see cref="Check"/>: valid against the Jenkins JUnit schema
/// (Schemas/junit-jenkins.xsd, source noted in it), and with counts that agree with the cases.
/// </summary>
public static class ProducedJUnit
{
    private static readonly Lazy<XmlSchemaSet> Schema = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(TestPaths.InRepository("tests/ManifestLint.Cli.Tests/Schemas"), "junit-jenkins.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    public static XDocument Check(string junit)
    {
        var xml = XDocument.Parse(junit);
        var errors = new List<string>();
        xml.Validate(Schema.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.IsEmpty(errors, "JUnit schema violations:\n" + string.Join("\n", errors));

        foreach (var suite in xml.Descendants("testsuite").Append(xml.Root!))
        {
            var cases = suite.Descendants("testcase").ToList();
            Assert.AreEqual(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("tests")!.Value);
            Assert.AreEqual(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), suite.Attribute("failures")!.Value);
        }

        return xml;
    }
}
