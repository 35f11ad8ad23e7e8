/** ECharts with only what Firebreak draws registered (keeps the bundle small; nothing loaded at run time). */
import { BarChart, GraphChart, HeatmapChart, LineChart, LinesChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, HeatmapChart, GraphChart, LinesChart, SankeyChart, VisualMapContinuousComponent, GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkLineComponent, GraphicComponent, LabelLayout, CanvasRenderer]);

export { echarts };
