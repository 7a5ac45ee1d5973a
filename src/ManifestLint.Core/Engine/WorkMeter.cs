namespace ManifestLint.Core.Engine;

/// <summary>
/// Counts the work that grows with pairs of objects: one label selector evaluated against one label set. Tests and
/// benchmarks use it to show that cross-resource rules go through the index (work linear in the input) rather than
/// scanning a namespace per object (quadratic), without timing anything. The meter is scoped with
/// <see cref="AsyncLocal{T}"/>, so it flows into the engine's parallel loops, concurrent runs keep apart, and when
/// no meter is active the cost is one null check.
/// </summary>
internal sealed class WorkMeter : IDisposable
{
    private static readonly AsyncLocal<WorkMeter?> Active = new();
    private readonly WorkMeter? _previous;
    private long _selectorEvaluations;

    private WorkMeter()
    {
        _previous = Active.Value;
        Active.Value = this;
    }

    /// <summary>Starts counting on this logical flow (and everything it starts) until disposed.</summary>
    public static WorkMeter Start() => new();

    /// <summary>Calls to <see cref="Model.LabelSelector.Matches"/> and <see cref="Model.LabelSelector.Unmet"/>.</summary>
    public long SelectorEvaluations => Interlocked.Read(ref _selectorEvaluations);

    internal static void CountSelectorEvaluation()
    {
        if (Active.Value is { } meter)
        {
            Interlocked.Increment(ref meter._selectorEvaluations);
        }
    }

    public void Dispose() => Active.Value = _previous;
}
