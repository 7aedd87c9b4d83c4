using Bot.Data.Plans;

namespace Bot.Data.ReadModel;

/// <summary>
/// The active plan in memory, with its whole graph, reloaded when the <see cref="ReferenceVersion"/> moves. The plan
/// returned is shared: callers must treat it as read-only.
/// </summary>
internal sealed class CachingPlanRepository : IPlanRepository
{
    private readonly IPlanRepository _inner;
    private readonly ReferenceVersion _version;
    private readonly VersionedSnapshot<ActivePlan> _active;

    public CachingPlanRepository(IPlanRepository inner, ReferenceVersion version)
    {
        _inner = inner;
        _version = version;
        _active = new VersionedSnapshot<ActivePlan>(version, async ct => new ActivePlan(await inner.GetActiveAsync(ct)));
    }

    public async Task<(long PlanId, bool Created)> SaveAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.SaveAsync(plan, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task<Plan?> GetActiveAsync(CancellationToken cancellationToken = default) =>
        (await _active.GetAsync(cancellationToken)).Plan;

    public async Task<Plan?> GetAsync(long planId, CancellationToken cancellationToken = default) =>
        (await _active.GetAsync(cancellationToken)).Plan is { } active && active.Id == planId
            ? active
            : await _inner.GetAsync(planId, cancellationToken);

    public Task<IReadOnlyList<Plan>> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);

    private sealed record ActivePlan(Plan? Plan);
}
