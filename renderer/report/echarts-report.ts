/** The app's ECharts registration plus the graph series the report's network needs (registered once, globally). */
import { GraphChart } from 'echarts/charts';
import { echarts } from '../charts/echarts';

echarts.use([GraphChart]);

export { echarts };
