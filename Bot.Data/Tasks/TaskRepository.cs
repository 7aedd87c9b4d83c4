using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Tasks;

public interface ITaskRepository
{
    Task<long> AddAsync(PlanTask task, CancellationToken cancellationToken = default);

    Task<PlanTask?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Tasks, optionally of one plan and/or status, ordered by due date then id.</summary>
    Task<IReadOnlyList<PlanTask>> ListAsync(long? planId = null, string? status = null, CancellationToken cancellationToken = default);

    /// <summary>Closes an open task; false when it was not open.</summary>
    Task<bool> CloseAsync(long id, string closedBy, string? evidence, CancellationToken cancellationToken = default);

    /// <summary>Changes title, window, unit and leader of a task.</summary>
    Task UpdateAsync(PlanTask task, CancellationToken cancellationToken = default);

    /// <summary>Opens a closed task again; false when it was open already.</summary>
    Task<bool> ReopenAsync(long id, CancellationToken cancellationToken = default);
}

internal sealed class TaskRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), ITaskRepository
{
    private const string Columns = """
        id AS Id, plan_id AS PlanId, action_id AS ActionId, milestone_id AS MilestoneId, title AS Title, status AS Status,
        due_start AS DueStart, due_end AS DueEnd, recurrence AS Recurrence, owner_unit_id AS OwnerUnitId, leader_id AS LeaderId,
        evidence AS Evidence, closed_at AS ClosedAt, closed_by AS ClosedBy, created_by AS CreatedBy, created_at AS CreatedAt
        """;

    public Task<long> AddAsync(PlanTask task, CancellationToken cancellationToken = default)
    {
        task.CreatedAt = task.CreatedAt == default ? time.GetUtcNow() : task.CreatedAt;
        return InsertAsync("""
            INSERT INTO tasks (plan_id, action_id, milestone_id, title, status, due_start, due_end, recurrence, owner_unit_id,
                               leader_id, evidence, closed_at, closed_by, created_by, created_at)
            VALUES (@PlanId, @ActionId, @MilestoneId, @Title, @Status, @DueStart, @DueEnd, @Recurrence, @OwnerUnitId,
                    @LeaderId, @Evidence, @ClosedAt, @ClosedBy, @CreatedBy, @CreatedAt)
            """, task, cancellationToken);
    }

    public Task<PlanTask?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<PlanTask>($"SELECT {Columns} FROM tasks WHERE id = @Id", new { Id = id }, cancellationToken);

    public Task<IReadOnlyList<PlanTask>> ListAsync(long? planId = null, string? status = null, CancellationToken cancellationToken = default) =>
        QueryAsync<PlanTask>($"""
            SELECT {Columns} FROM tasks
            WHERE (@PlanId IS NULL OR plan_id = @PlanId) AND (@Status IS NULL OR status = @Status)
            ORDER BY CASE WHEN due_end IS NULL THEN 1 ELSE 0 END, due_end, id
            """, new { PlanId = planId, Status = status }, cancellationToken);

    public async Task<bool> CloseAsync(long id, string closedBy, string? evidence, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE tasks SET status = @Done, closed_at = @Now, closed_by = @ClosedBy, evidence = COALESCE(@Evidence, evidence)
            WHERE id = @Id AND status = @Open
            """, new { Id = id, Done = TaskStatuses.Done, Open = TaskStatuses.Open, Now = time.GetUtcNow(), ClosedBy = closedBy, Evidence = evidence },
            cancellationToken) == 1;

    public Task UpdateAsync(PlanTask task, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE tasks SET title = @Title, due_start = @DueStart, due_end = @DueEnd, owner_unit_id = @OwnerUnitId, leader_id = @LeaderId,
              action_id = @ActionId WHERE id = @Id
            """, task, cancellationToken);

    public async Task<bool> ReopenAsync(long id, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE tasks SET status = @Open, closed_at = NULL, closed_by = NULL WHERE id = @Id AND status <> @Open
            """, new { Id = id, Open = TaskStatuses.Open }, cancellationToken) == 1;
}
