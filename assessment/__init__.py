"""assessment: the single method of calculation of НОК results (приказ Минтруда России от
31.05.2018 № 344н «Об утверждении Единого порядка расчета показателей, характеризующих общие
критерии оценки качества условий оказания услуг организациями в сфере культуры, охраны
здоровья, образования, социального обслуживания и федеральными учреждениями медико-социальной
экспертизы»), as pure functions: the operator's figures in, indicators, criteria and the total out.

- `assessment.method`: the order's formulas, one function per indicator, criterion and the total;
  `compute` runs them all over one institution's figures, step by step;
- `assessment.raw`: the operator's XLSX (one row per institution, one column per quantity named
  by its symbol in the order) read into figures, and the template operators fill in;
- `assessment.compare`: the computed results beside the stored (approved) ratings.

Pure like `extract`: no database, no Streamlit, no files written. The council (общественный
совет) uses it to check the operator's (организация-оператор) arithmetic before approving.
"""
