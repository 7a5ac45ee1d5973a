using ManifestLint.Core.Engine;

namespace ManifestLint.MSBuild.Tests;

[TestClass]
public sealed class BuildSeverityPolicyTests
{
    private static BuildSeverityPolicy Policy(string failLevel = "error", bool treatWarningsAsErrors = false, string noWarn = "", string warningsNotAsErrors = "")
    {
        Assert.IsTrue(BuildSeverityPolicy.TryParseFailLevel(failLevel, out var level));
        return new BuildSeverityPolicy(level, treatWarningsAsErrors, BuildSeverityPolicy.ParseIds(noWarn), BuildSeverityPolicy.ParseIds(warningsNotAsErrors));
    }

    [TestMethod]
    public void Default_ErrorsFail_WarningsWarn_InfoIsAMessage()
    {
        var policy = BuildSeverityPolicy.Default;
        Assert.AreEqual(BuildLogKind.Error, policy.Map("ML1001", Severity.Error));
        Assert.AreEqual(BuildLogKind.Warning, policy.Map("ML1003", Severity.Warning));
        Assert.AreEqual(BuildLogKind.Message, policy.Map("ML9008", Severity.Info));
        Assert.AreEqual(BuildLogKind.None, policy.Map("ML9008", Severity.Hidden));
    }

    [TestMethod]
    public void NoWarn_DropsTheId_AtAnySeverity_LikeCscNoWarn()
    {
        var policy = Policy(noWarn: "1701;1702, ML1003 ;ml1001", treatWarningsAsErrors: true);
        Assert.AreEqual(BuildLogKind.None, policy.Map("ML1003", Severity.Warning));
        Assert.AreEqual(BuildLogKind.None, policy.Map("ML1001", Severity.Error));
        Assert.AreEqual(BuildLogKind.Error, policy.Map("ML1002", Severity.Error));
    }

    [TestMethod]
    public void TreatWarningsAsErrors_EscalatesWarnings_ExceptWarningsNotAsErrors()
    {
        var policy = Policy(treatWarningsAsErrors: true, warningsNotAsErrors: "ML9010");
        Assert.AreEqual(BuildLogKind.Error, policy.Map("ML1003", Severity.Warning));
        Assert.AreEqual(BuildLogKind.Warning, policy.Map("ML9010", Severity.Warning));
        Assert.AreEqual(BuildLogKind.Message, policy.Map("ML9008", Severity.Info));
    }

    [TestMethod]
    public void FailLevel_MakesEverythingAtOrAboveItAnError()
    {
        Assert.AreEqual(BuildLogKind.Error, Policy("warning").Map("ML1003", Severity.Warning));
        Assert.AreEqual(BuildLogKind.Message, Policy("warning").Map("ML9008", Severity.Info));
        Assert.AreEqual(BuildLogKind.Error, Policy("note").Map("ML9008", Severity.Info));
        Assert.AreEqual(BuildLogKind.Warning, Policy("warning", warningsNotAsErrors: "ML1003").Map("ML1003", Severity.Warning));
    }

    [TestMethod]
    public void FailLevelNone_ReportsErrorsAsWarnings_EvenWithTreatWarningsAsErrors()
    {
        var policy = Policy("none", treatWarningsAsErrors: true);
        Assert.AreEqual(BuildLogKind.Warning, policy.Map("ML1001", Severity.Error));
        Assert.AreEqual(BuildLogKind.Warning, policy.Map("ML1003", Severity.Warning));
        Assert.AreEqual(BuildLogKind.Message, policy.Map("ML9008", Severity.Info));
    }

    [TestMethod]
    [DataRow("", Severity.Error)]
    [DataRow("Error", Severity.Error)]
    [DataRow("warning", Severity.Warning)]
    [DataRow("note", Severity.Info)]
    [DataRow("suggestion", Severity.Info)]
    public void TryParseFailLevel_AcceptsSeverityWords(string text, Severity expected)
    {
        Assert.IsTrue(BuildSeverityPolicy.TryParseFailLevel(text, out var level));
        Assert.AreEqual(expected, level);
    }

    [TestMethod]
    [DataRow("silent")]
    [DataRow("default")]
    [DataRow("loud")]
    public void TryParseFailLevel_RejectsOtherWords(string text) =>
        Assert.IsFalse(BuildSeverityPolicy.TryParseFailLevel(text, out _));
}
