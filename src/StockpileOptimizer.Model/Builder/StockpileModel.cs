using Google.OrTools.LinearSolver;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// The stochastic MIP of docs/model.md on an OR-Tools <see cref="Solver"/>. <see cref="Build"/>
/// reads as the table of contents: one partial-class file per constraint family, every
/// variable and row named from its indices.
/// </summary>
internal sealed partial class StockpileModel
{
    /// <summary>Replaced only by <see cref="Rebind"/>, by data of the same shape.</summary>
    private ModelData d;
    private double MoneyScale => d.MoneyScale;
    private readonly Solver solver;
    private readonly ElasticOptions? elastic;
    /// <summary>Built for <see cref="Rebind"/>: rows that only some scenarios need are built for all, free where inactive.</summary>
    private readonly bool rebindable;
    private readonly List<ElasticSlack> slacks = [];
    private readonly List<Variable> variables = [];
    private readonly Dictionary<Variable, int> indexOf = new(ReferenceEqualityComparer.Instance);

    private StockpileModel(ModelData data, Solver solver, ElasticOptions? elastic, bool rebindable)
    {
        d = data;
        this.solver = solver;
        this.elastic = elastic;
        this.rebindable = rebindable;
    }

    public ModelData Data => d;
    public Solver Solver => solver;
    public IReadOnlyList<ElasticSlack> Slacks => slacks;
    /// <summary>Every variable in creation order (the solver's own order).</summary>
    public IReadOnlyList<Variable> Variables => variables;

    public int IndexOf(Variable variable) => indexOf[variable];

    /// <param name="rebindable">
    /// Build a model that <see cref="Rebind"/> can move to another scenario of the same
    /// instance: every row some scenario could need is built (price-war survival rows in every
    /// period, free where there is no price war), so that a new scenario only changes bounds,
    /// right-hand sides and coefficients. The same LP as without, up to free rows.
    /// </param>
    public static StockpileModel Build(ModelData data, Solver solver, ElasticOptions? elastic = null, bool rebindable = false)
    {
        var model = new StockpileModel(data, solver, elastic, rebindable);
        model.AddVariables();
        model.AddBalance();
        model.AddInventory();
        model.AddReleaseLimit();
        model.AddStorage();
        model.AddCapacity();
        model.AddPriceWarSurvival();
        model.AddPrivateStock();
        model.AddTier();
        model.AddImports();
        model.AddSharing();
        model.AddInvestment();
        model.AddBudget();
        model.AddCoverage();
        model.AddCvar();
        model.AddObjective();
        return model;
    }

    /// <summary>
    /// The first stage alone, the master of a decomposition (docs/sampling.md): the policy's
    /// variables (x, y, q, z, w and η when λ &gt; 0) and the rows that involve nothing else
    /// (storage, tier, cost shares, coverage). No objective: the caller adds the recourse's
    /// value through cuts. The scenarios of <paramref name="data"/> are not read.
    /// </summary>
    public static StockpileModel BuildFirstStage(ModelData data, Solver solver)
    {
        var model = new StockpileModel(data, solver, elastic: null, rebindable: false);
        model.AddFirstStageVariables();
        model.AddStorage();
        model.AddTier();
        model.AddInvestment();
        model.AddCoverage();
        if (data.Instance.Policy.RiskWeight > 0)
        {
            model.AddEta(model.CvarGroups());
        }
        return model;
    }

    private Variable NewVariable(double lower, double upper, string name) => Track(solver.MakeNumVar(lower, upper, name));

    private Variable NewBinary(string name) => Track(solver.MakeBoolVar(name));

    private Variable Track(Variable variable)
    {
        indexOf[variable] = variables.Count;
        variables.Add(variable);
        return variable;
    }

    /// <summary>family[i,j,…]: built once per variable and row, so without LINQ (a third of the build was names).</summary>
    private static string Name(string family, params string[] index)
    {
        string[]? clean = null;
        for (var i = 0; i < index.Length; i++)
        {
            var id = Sanitize(index[i]);
            if (!ReferenceEquals(id, index[i]))
            {
                clean ??= (string[])index.Clone();
                clean[i] = id;
            }
        }
        return string.Concat(family, "[", string.Join(',', clean ?? index), "]");
    }

    /// <summary>Ids go into MPS names, where white space would split a field.</summary>
    private static string Sanitize(string id)
    {
        foreach (var ch in id)
        {
            if (char.IsWhiteSpace(ch))
            {
                return string.Concat(id.Select(c => char.IsWhiteSpace(c) ? '_' : c));
            }
        }
        return id;
    }

    private Constraint Row(double lower, double upper, string family, params string[] index) =>
        solver.MakeConstraint(lower, upper, Name(family, index));

    /// <summary>
    /// One elastic slack for a group of rows (a country's budget in every scenario, a refill in
    /// every scenario), or null when the family may not give: its value is the smallest single
    /// relaxation that serves them all. The caller adds it to each row with the row's sign.
    /// </summary>
    private Variable? RelaxShared(ElasticFamily family, double usdPerUnit, string unit, string label)
    {
        if (elastic is null || !elastic.Families.Contains(family))
        {
            return null;
        }
        var slack = NewVariable(0, double.PositiveInfinity, "slack-" + label);
        slacks.Add(new ElasticSlack(family, label, slack, usdPerUnit, unit));
        return slack;
    }

    /// <summary>Adds elastic slack to a row when its family may give: +slack for ≥ rows, −slack for ≤ rows.</summary>
    private void Relax(Constraint row, ElasticFamily family, double sign, double usdPerUnit, string unit)
    {
        if (elastic is null || !elastic.Families.Contains(family))
        {
            return;
        }
        var slack = NewVariable(0, double.PositiveInfinity, "slack-" + row.Name());
        row.SetCoefficient(slack, sign);
        slacks.Add(new ElasticSlack(family, row.Name(), slack, usdPerUnit, unit));
    }
}

public enum ElasticFamily
{
    Budget,
    Coverage,
    Refill,
    Storage,
}

/// <summary>Which families may give in an elastic re-solve.</summary>
internal sealed record ElasticOptions(IReadOnlySet<ElasticFamily> Families, bool Priced);

/// <summary>A slack on one row; its amount is in the row's own unit (USD in millions for budgets, tonnes otherwise).</summary>
internal sealed record ElasticSlack(ElasticFamily Family, string Row, Variable Variable, double UsdPerUnit, string Unit);
