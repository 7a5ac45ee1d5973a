using System.Collections.Concurrent;

namespace ManifestLint.Core.Index;

/// <summary>
/// What a reader makes of one object of the run (a parsed NetworkPolicy, a pod template's config references), made
/// once however many rules ask. Several rules read the same objects, and reading them again for each rule was the
/// larger part of the rules phase on a big input. Concurrent callers may both read, but all of them get the one
/// value that was kept, so identities stay stable.
/// </summary>
internal sealed class ReadOnce<TSubject, TValue>(Func<TSubject, TValue> read)
    where TSubject : class
{
    private readonly ConcurrentDictionary<TSubject, TValue> _values = new(ReferenceEqualityComparer.Instance);

    public TValue Get(TSubject subject) => _values.GetOrAdd(subject, read);
}
