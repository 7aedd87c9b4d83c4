using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.Plans;

public interface IPlanRepository
{
    /// <summary>
    /// Stores the plan with its actions, milestones, targets, duties and responsibilities in one transaction.
    /// The same document (hash + year) is not stored twice: the existing id comes back with <c>Created = false</c>.
    /// A new document becomes the active plan with the next version number.
    /// </summary>
    Task<(long PlanId, bool Created)> SaveAsync(Plan plan, CancellationToken cancellationToken = default);

    /// <summary>The active plan with its whole graph, or null when none was imported.</summary>
    Task<Plan?> GetActiveAsync(CancellationToken cancellationToken = default);

    Task<Plan?> GetAsync(long planId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Plan>> ListAsync(CancellationToken cancellationToken = default);
}

internal sealed class PlanRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IPlanRepository
{
    private const string PlanColumns = """
        id AS Id, title AS Title, source_year AS SourceYear, year AS Year, version AS Version, content_hash AS ContentHash,
        document AS Document, is_active AS IsActive, imported_at AS ImportedAt
        """;

    public async Task<(long PlanId, bool Created)> SaveAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM plans WHERE content_hash = @ContentHash AND year = @Year", plan, transaction, cancellationToken: cancellationToken));
        if (existing is long id)
        {
            await transaction.CommitAsync(cancellationToken);
            plan.Id = id;
            return (id, false);
        }

        plan.Version = 1 + (await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM plans", transaction: transaction, cancellationToken: cancellationToken)) ?? 0);
        plan.ImportedAt = time.GetUtcNow();
        plan.IsActive = true;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE plans SET is_active = 0", transaction: transaction, cancellationToken: cancellationToken));
        plan.Id = await InsertAsync("""
            INSERT INTO plans (title, source_year, year, version, content_hash, document, is_active, imported_at)
            VALUES (@Title, @SourceYear, @Year, @Version, @ContentHash, @Document, @IsActive, @ImportedAt)
            """, plan, cancellationToken, connection, transaction);

        foreach (var duty in plan.Duties)
        {
            await InsertDutyAsync(connection, transaction, plan.Id, null, duty, cancellationToken);
        }

        foreach (var action in plan.Actions)
        {
            action.PlanId = plan.Id;
            action.Id = await InsertAsync("""
                INSERT INTO plan_actions (plan_id, number, title, period, start_date, end_date, description)
                VALUES (@PlanId, @Number, @Title, @Period, @StartDate, @EndDate, @Description)
                """, action, cancellationToken, connection, transaction);
            foreach (var milestone in action.Milestones)
            {
                (milestone.PlanId, milestone.ActionId) = (plan.Id, action.Id);
                milestone.Id = await InsertAsync("""
                    INSERT INTO milestones (plan_id, action_id, text, start_date, end_date, recurrence)
                    VALUES (@PlanId, @ActionId, @Text, @StartDate, @EndDate, @Recurrence)
                    """, milestone, cancellationToken, connection, transaction);
            }

            foreach (var target in action.Targets)
            {
                (target.PlanId, target.ActionId) = (plan.Id, action.Id);
                target.Id = await InsertAsync("""
                    INSERT INTO targets (plan_id, action_id, metric, per, min_value, max_value, threshold, applies_to, text)
                    VALUES (@PlanId, @ActionId, @Metric, @Per, @MinValue, @MaxValue, @Threshold, @AppliesTo, @Text)
                    """, target, cancellationToken, connection, transaction);
            }

            foreach (var duty in action.Duties)
            {
                await InsertDutyAsync(connection, transaction, plan.Id, action.Id, duty, cancellationToken);
            }

            foreach (var responsibility in action.Responsibilities)
            {
                (responsibility.PlanId, responsibility.ActionId) = (plan.Id, action.Id);
                responsibility.Id = await InsertAsync("""
                    INSERT INTO responsibilities (plan_id, action_id, kind, name, role, unit_id)
                    VALUES (@PlanId, @ActionId, @Kind, @Name, @Role, @UnitId)
                    """, responsibility, cancellationToken, connection, transaction);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (plan.Id, true);
    }

    public async Task<Plan?> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        var id = await ScalarAsync<long?>("SELECT id FROM plans WHERE is_active = 1 ORDER BY version DESC LIMIT 1", null, cancellationToken);
        return id is long planId ? await GetAsync(planId, cancellationToken) : null;
    }

    public async Task<Plan?> GetAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        var p = new { PlanId = planId };
        var plan = await connection.QueryFirstOrDefaultAsync<Plan>(new CommandDefinition(
            $"SELECT {PlanColumns} FROM plans WHERE id = @PlanId", p, cancellationToken: cancellationToken));
        if (plan is null)
        {
            return null;
        }

        var actions = (await connection.QueryAsync<PlanAction>(new CommandDefinition("""
            SELECT id AS Id, plan_id AS PlanId, number AS Number, title AS Title, period AS Period, start_date AS StartDate,
                   end_date AS EndDate, description AS Description
            FROM plan_actions WHERE plan_id = @PlanId ORDER BY number
            """, p, cancellationToken: cancellationToken))).AsList();
        var milestones = await connection.QueryAsync<Milestone>(new CommandDefinition("""
            SELECT id AS Id, plan_id AS PlanId, action_id AS ActionId, text AS Text, start_date AS StartDate, end_date AS EndDate, recurrence AS Recurrence
            FROM milestones WHERE plan_id = @PlanId ORDER BY id
            """, p, cancellationToken: cancellationToken));
        var targets = await connection.QueryAsync<Target>(new CommandDefinition("""
            SELECT id AS Id, plan_id AS PlanId, action_id AS ActionId, metric AS Metric, per AS Per, min_value AS MinValue,
                   max_value, threshold AS Threshold, applies_to AS AppliesTo, text AS Text
            FROM targets WHERE plan_id = @PlanId ORDER BY id
            """, p, cancellationToken: cancellationToken));
        var duties = await connection.QueryAsync<Duty>(new CommandDefinition("""
            SELECT id AS Id, plan_id AS PlanId, action_id AS ActionId, text AS Text, every AS Every, level AS Level, photo_required AS PhotoRequired
            FROM duties WHERE plan_id = @PlanId ORDER BY id
            """, p, cancellationToken: cancellationToken));
        var responsibilities = await connection.QueryAsync<Responsibility>(new CommandDefinition("""
            SELECT id AS Id, plan_id AS PlanId, action_id AS ActionId, kind AS Kind, name AS Name, role AS Role, unit_id AS UnitId
            FROM responsibilities WHERE plan_id = @PlanId ORDER BY id
            """, p, cancellationToken: cancellationToken));

        var byId = actions.ToDictionary(a => a.Id);
        foreach (var m in milestones) { if (m.ActionId is long a && byId.TryGetValue(a, out var action)) { action.Milestones.Add(m); } }
        foreach (var t in targets) { if (t.ActionId is long a && byId.TryGetValue(a, out var action)) { action.Targets.Add(t); } }
        foreach (var r in responsibilities) { if (r.ActionId is long a && byId.TryGetValue(a, out var action)) { action.Responsibilities.Add(r); } }
        foreach (var d in duties)
        {
            if (d.ActionId is long a && byId.TryGetValue(a, out var action))
            {
                action.Duties.Add(d);
            }
            else
            {
                plan.Duties.Add(d);
            }
        }

        plan.Actions = actions;
        return plan;
    }

    public Task<IReadOnlyList<Plan>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<Plan>($"SELECT {PlanColumns} FROM plans ORDER BY version", null, cancellationToken);

    private async Task InsertDutyAsync(DbConnection connection, DbTransaction transaction, long planId, long? actionId, Duty duty, CancellationToken cancellationToken)
    {
        (duty.PlanId, duty.ActionId) = (planId, actionId);
        duty.Id = await InsertAsync("""
            INSERT INTO duties (plan_id, action_id, text, every, level, photo_required)
            VALUES (@PlanId, @ActionId, @Text, @Every, @Level, @PhotoRequired)
            """, duty, cancellationToken, connection, transaction);
    }
}
