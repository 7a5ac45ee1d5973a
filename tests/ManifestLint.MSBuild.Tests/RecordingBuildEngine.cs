using System.Collections;
using Microsoft.Build.Framework;

namespace ManifestLint.MSBuild.Tests;

/// <summary>An MSBuild engine that only records what a task logs, to run tasks in-process.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    /// <summary>Every diagnostic logged with a code, as "kind code file(line,col,endLine,endCol)", for compact assertions.</summary>
    public IReadOnlyList<string> Coded() =>
    [
        .. Errors.Select(e => $"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber},{e.EndLineNumber},{e.EndColumnNumber})"),
        .. Warnings.Select(w => $"warning {w.Code} {w.File}({w.LineNumber},{w.ColumnNumber},{w.EndLineNumber},{w.EndColumnNumber})"),
        .. Messages.Where(m => m.Code is not null).Select(m => $"message {m.Code} {m.File}({m.LineNumber},{m.ColumnNumber},{m.EndLineNumber},{m.EndColumnNumber}) {m.Importance}"),
    ];
}
