import './base.css';
import './charts.css';
import './training.css';
import './experiments.css';
import './run-views.css';
import './kernels.css';
import './images.css';
